namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// Every test runs in this one collection, one sample host at a time: Npgsql's meter is process-wide and every host's
/// pool is named <c>policydb</c>, so two hosts at once would read each other's pool.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PolicyServiceCollection : ICollectionFixture<PolicyDatabaseFixture>
{
    public const string Name = "Policy service";
}
