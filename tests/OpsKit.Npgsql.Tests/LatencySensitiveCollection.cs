namespace OpsKit.Npgsql.Tests;

/// <summary>
/// Tests that judge probe latency run alone: the apps of every test share this process's thread pool, and another
/// test's burst would otherwise be measured as this app's probe time (a one-second probe was seen with 25 tests running).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LatencySensitiveCollection
{
    public const string Name = "latency-sensitive";
}
