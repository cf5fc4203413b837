namespace OpsKit.Hosting.Internal;

/// <summary>
/// The instrument names, units and label keys of OpsKit's own capabilities (docs/metrics.md); the integration
/// packages keep theirs next to their code.
/// Operators script against the Prometheus renderings of these names: never rename one without listing it in the
/// "Changes" section of docs/metrics.md.
/// </summary>
internal static class InstrumentNames
{
    public const string HealthCheckStatus = "opskit.health.check.status";
    public const string HealthCheckDuration = "opskit.health.check.duration";
    public const string HealthCheckExecutions = "opskit.health.check.executions";
    public const string HealthCheckAbandoned = "opskit.health.check.abandoned";
    public const string HealthCheckSuppressed = "opskit.health.check.suppressed";
    public const string HealthCheckCritical = "opskit.health.check.critical";
    public const string HealthStatus = "opskit.health.status";
    public const string Maintenance = "opskit.maintenance";
    public const string TrafficRefused = "opskit.health.traffic.refused";
    public const string CertificateExpiry = "opskit.certificate.expiry";
    public const string DiskUtilization = "opskit.disk.utilization";
    public const string MemoryUtilization = "opskit.memory.utilization";
    public const string CacheRequests = "opskit.cache.requests";
    public const string CacheEvictions = "opskit.cache.evictions";
    public const string CacheEntries = "opskit.cache.entries";
    public const string CacheMemoryUsage = "opskit.cache.memory.usage";
    public const string CacheMemoryLimit = "opskit.cache.memory.limit";
    public const string CacheDiskUsage = "opskit.cache.disk.usage";
    public const string CacheDiskLimit = "opskit.cache.disk.limit";
    public const string ResilienceFailovers = "opskit.resilience.failovers";
    public const string ResilienceCircuitState = "opskit.resilience.circuit.state";
    public const string SecurityEvents = "opskit.security.events";
    public const string SecurityAuthAttempts = "opskit.security.auth.attempts";
    public const string SloState = "opskit.slo.state";
    public const string OperatorActions = "opskit.operator.actions";

    /// <summary>Label keys. Values are bounded sets (check names, configured names, lowercase states).</summary>
    public static class Labels
    {
        public const string Check = "check";
        public const string Status = "status";
        public const string Certificate = "certificate";
        public const string Path = "path";
        public const string Result = "result";
        public const string Cache = "cache";
        public const string Reason = "reason";
        public const string Pipeline = "pipeline";
        public const string Endpoint = "endpoint";
        public const string Type = "type";
        public const string Scheme = "scheme";
        public const string Slo = "slo";
        public const string Action = "action";
    }

    /// <summary>Units: the public <see cref="InstrumentUnits"/>, under the name the capabilities use.</summary>
    public static class Units
    {
        public const string Seconds = InstrumentUnits.Seconds;
        public const string Ratio = InstrumentUnits.Ratio;
        public const string Bytes = InstrumentUnits.Bytes;

        /// <summary>Entries of a cache (files of a disk cache); braces keep the annotation out of Prometheus names.</summary>
        public const string Entries = "{entry}";

        /// <summary>The size units a memory cache's <c>SizeLimit</c> counts in, which the app chooses.</summary>
        public const string SizeUnits = "{size_unit}";
    }
}
