using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers;

/// <summary>
/// Every descriptor of the package, built by one helper that also computes the help link. A rule that reports from a
/// compilation end action carries <see cref="WellKnownDiagnosticTags.CompilationEnd"/> (OPS0001, OPS0002, and OPS0006
/// and OPS0007, which report some of their diagnostics there): the IDE runs no end action in live analysis, and
/// without the tag it takes the live result of an open file as complete and drops the build's diagnostic from the Error
/// List.
/// </summary>
internal static class Descriptors
{
    /// <summary>
    /// Where the rule pages live, fixed when the analyzer assembly is built: the MSBuild property
    /// <c>OpsKitRulesHelpBase</c> (default <c>$(RepositoryUrl)/blob/main/docs/rules/</c>) becomes assembly metadata.
    /// </summary>
    public static string HelpLinkBase { get; } = ReadHelpLinkBase();

    public static readonly DiagnosticDescriptor MissingHealthEndpoint = Create(
        DiagnosticIds.MissingHealthEndpoint,
        "Map a health endpoint",
        "The web app maps no health endpoint{0}; map one (MapHealthChecks or MapOpsHealth) so load balancers and orchestrators can probe it",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "An ASP.NET Core application without a health endpoint cannot be probed by a load balancer or an orchestrator. An endpoint mapped only inside an IsDevelopment() branch is missing in production.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor HealthChecksNotMapped = Create(
        DiagnosticIds.HealthChecksNotMapped,
        "Map the registered health checks",
        "Health checks are registered with '{0}' but no health endpoint is mapped, so nothing ever runs them",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "AddHealthChecks/AddOpsHealth only register services; without MapHealthChecks, UseHealthChecks or MapOpsHealth the checks never run and no probe can see them.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnboundedMemoryCache = Create(
        DiagnosticIds.UnboundedMemoryCache,
        "Bound the memory cache",
        "{0} creates a memory cache without SizeLimit; it can grow until the process runs out of memory",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "A MemoryCache without SizeLimit never evicts for size: under a key space controlled by callers it grows without bound. Use a dedicated size-limited cache, or set SizeLimit (every entry then needs a Size).");

    public static readonly DiagnosticDescriptor CacheEntryWithoutSize = Create(
        DiagnosticIds.CacheEntryWithoutSize,
        "Set Size on entries of a size-limited cache",
        "This entry has no Size, but the cache has a SizeLimit; MemoryCache throws InvalidOperationException at run time",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "A MemoryCache with SizeLimit requires every entry to declare its Size; an entry without one throws when it is added.");

    public static readonly DiagnosticDescriptor CacheEntryWithoutExpiration = Create(
        DiagnosticIds.CacheEntryWithoutExpiration,
        "Give entries of an unbounded cache an expiration",
        "This entry has no expiration and the cache has no SizeLimit; it stays in memory until the process ends",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "Entries with neither an expiration nor a size bound are never evicted (except under memory-pressure compaction, which MemoryCache does not do by itself).");

    public static readonly DiagnosticDescriptor UnboundedDictionaryCache = Create(
        DiagnosticIds.UnboundedDictionaryCache,
        "Dictionary used as a cache is never bounded",
        "Field '{0}' is written to but never removed from, cleared or bounded in '{1}'; used as a cache it grows without limit",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "A long-lived dictionary that only ever grows is a memory leak when its keys come from requests. Use a bounded cache (MemoryCache with SizeLimit) or remove entries.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ConnectionMultiplexerPerOperation = Create(
        DiagnosticIds.ConnectionMultiplexerPerOperation,
        "Share one ConnectionMultiplexer",
        "ConnectionMultiplexer.{0} is called per operation; create one ConnectionMultiplexer and share it for the lifetime of the process",
        Categories.Performance,
        DiagnosticSeverity.Warning,
        "A ConnectionMultiplexer is expensive to create (DNS, TCP, TLS, handshake) and is designed to be shared. Connecting per request exhausts sockets and adds latency.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor DependencyCheckTaggedLive = Create(
        DiagnosticIds.DependencyCheckTaggedLive,
        "Do not tag dependency checks as liveness checks",
        "The dependency check '{0}' is tagged '{1}'; when the dependency fails, the orchestrator restarts healthy instances",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "A liveness probe should only fail when the process itself is broken. A database, cache or HTTP dependency belongs in the readiness probe.");

    public static readonly DiagnosticDescriptor UndisposedDbConnection = Create(
        DiagnosticIds.UndisposedDbConnection,
        "Dispose opened database connections",
        "The connection opened by '{0}' is not disposed on every path; declare it with 'using' so it returns to the pool",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        "A pooled ADO.NET connection goes back to the pool only when it is disposed or closed. A connection that is opened and dropped stays busy until the garbage collector finalizes it, and the pool runs out: 'The connection pool has been exhausted', 'too many connections'.");

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, DiagnosticSeverity severity, string description, params string[] customTags)
        => new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: GetHelpLink(id),
            customTags: customTags);

    /// <summary>The documentation page of a rule.</summary>
    public static string GetHelpLink(string id) => GetHelpLink(HelpLinkBase, id);

    /// <summary>The page of a rule under a documentation base URL (a trailing '/' is added when missing).</summary>
    public static string GetHelpLink(string baseUrl, string id)
        => (baseUrl.EndsWith("/", System.StringComparison.Ordinal) ? baseUrl : baseUrl + "/") + id + ".md";

    private static string ReadHelpLinkBase()
    {
        foreach (var attribute in typeof(Descriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: HelpLinkMetadataKey, Value: { Length: > 0 } value })
            {
                return value;
            }
        }

        return FallbackHelpLinkBase;
    }

    /// <summary>The assembly metadata key written from the <c>OpsKitRulesHelpBase</c> MSBuild property.</summary>
    internal const string HelpLinkMetadataKey = "OpsKitRulesHelpBase";

    private const string FallbackHelpLinkBase = "https://github.com/opskit/opskit/blob/main/docs/rules/";

    private static class Categories
    {
        public const string Reliability = "Reliability";
        public const string Performance = "Performance";
    }
}
