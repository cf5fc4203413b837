namespace OpsKit.Tests.Checks;

/// <summary>Tests that move the whole process's memory, CPU or thread pool run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessSensitiveCollection
{
    public const string Name = "process-sensitive";
}
