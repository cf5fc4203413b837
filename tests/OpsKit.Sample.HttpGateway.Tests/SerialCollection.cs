namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>Tests that read or move the process's working set, or time a sample process, run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
