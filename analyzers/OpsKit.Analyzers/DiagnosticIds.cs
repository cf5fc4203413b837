namespace OpsKit.Analyzers;

/// <summary>The rule ids. They are a public contract: never renumber or reuse one.</summary>
internal static class DiagnosticIds
{
    public const string MissingHealthEndpoint = "OPS0001";
    public const string HealthChecksNotMapped = "OPS0002";
    public const string UnboundedMemoryCache = "OPS0003";
    public const string CacheEntryWithoutSize = "OPS0004";
    public const string CacheEntryWithoutExpiration = "OPS0005";
    public const string UnboundedDictionaryCache = "OPS0006";
    public const string ConnectionMultiplexerPerOperation = "OPS0007";
    public const string DependencyCheckTaggedLive = "OPS0008";
    public const string UndisposedDbConnection = "OPS0009";
}
