namespace OpsKit.Soak;

/// <summary>
/// The sample's resources at one moment. Counts that could not be read (a server that is down) are -1; the report
/// compares only the samples taken while nothing was broken.
/// </summary>
internal sealed record ResourceSample(
    double Seconds,
    string Fault,
    double ResidentMegabytes,
    double GcHeapMegabytes,
    int Threads,
    int FileDescriptors,
    long PostgresSessions,
    long PoolConnections,
    long RedisClients,
    double CheckExecutions,
    double AbandonedRuns,
    int Probes,
    double ProbeP99Milliseconds,
    double ProbeMaxMilliseconds);
