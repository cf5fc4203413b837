namespace OpsKit.Soak;

/// <summary>What one injected fault did: when the sample reported it, and when every check was Healthy again (null: never).</summary>
internal sealed record FaultOutcome(int Number, string Fault, string Check, double InjectedAtSeconds, TimeSpan? DetectedAfter, TimeSpan? RecoveredAfter);
