namespace OpsKit.Tests.Slo;

/// <summary>
/// Tests that judge request latency run alone: another test's burst of CPU would otherwise be measured as the app's
/// latency and fail an objective the app meets.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LatencySensitiveCollection
{
    public const string Name = "latency-sensitive";
}
