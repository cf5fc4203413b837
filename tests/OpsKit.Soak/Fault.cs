namespace OpsKit.Soak;

/// <summary>One kind of fault: how to inject it, how to undo it, and the check that must leave Healthy because of it.</summary>
internal sealed record Fault(string Name, string Check, Func<Task> InjectAsync, Func<Task> RecoverAsync);
