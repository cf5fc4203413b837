namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one place for OpsKit instrument names, units and label keys (docs/metrics.md).
/// Operators script against the Prometheus renderings of these names: never rename one.
/// </summary>
internal static class InstrumentNames
{
    public const string HealthCheckStatus = "opskit.health.check.status";
    public const string HealthCheckDuration = "opskit.health.check.duration";
    public const string HealthCheckExecutions = "opskit.health.check.executions";
    public const string HealthCheckAbandoned = "opskit.health.check.abandoned";
    public const string HealthStatus = "opskit.health.status";
    public const string Maintenance = "opskit.maintenance";
    public const string CertificateExpiry = "opskit.certificate.expiry";
    public const string DiskUsage = "opskit.disk.usage";
    public const string MemoryUsage = "opskit.memory.usage";
    public const string PostgresConnectionsUsage = "opskit.postgres.connections.usage";
    public const string PostgresPoolUsage = "opskit.postgres.pool.usage";
    public const string PostgresPoolExhausted = "opskit.postgres.pool.exhausted";
    public const string RedisMemoryUsage = "opskit.redis.memory.usage";
    public const string LockAcquisitions = "opskit.lock.acquisitions";
    public const string LockHeld = "opskit.lock.held";
    public const string RateLimitStoreFailures = "opskit.rate_limit.store_failures";
    public const string CacheRequests = "opskit.cache.requests";
    public const string CacheEvictions = "opskit.cache.evictions";
    public const string CacheEntries = "opskit.cache.entries";
    public const string CacheSize = "opskit.cache.size";
    public const string CacheCapacity = "opskit.cache.capacity";
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
        public const string Database = "database";
        public const string Result = "result";
        public const string Cache = "cache";
        public const string Reason = "reason";
        public const string Pipeline = "pipeline";
        public const string Endpoint = "endpoint";
        public const string Type = "type";
        public const string Scheme = "scheme";
        public const string Slo = "slo";
        public const string Policy = "policy";
        public const string Action = "action";
    }

    /// <summary>Units as OpenTelemetry expects them; the Prometheus exporter turns "s" into "_seconds", "ratio" into "_ratio".</summary>
    public static class Units
    {
        public const string Seconds = "s";
        /// <summary>
        /// Not UCUM's "1": OpenTelemetry.Exporter.Prometheus 1.20.1-beta.1 renders a gauge with unit "1" without a suffix
        /// (<c>opskit_disk_usage</c>), while DESIGN's names end in <c>_ratio</c>. "ratio" gives <c>_ratio</c> here and in
        /// the OpenTelemetry Collector's Prometheus translation (PrometheusNameTests pins it).
        /// </summary>
        public const string Ratio = "ratio";
        public const string Bytes = "By";
    }
}
