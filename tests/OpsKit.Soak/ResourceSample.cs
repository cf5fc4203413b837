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
    double ProbeMaxMilliseconds,
    int ServerProbes,
    double ServerP99Milliseconds,
    double ServerMaxMilliseconds,
    double ClientLagMilliseconds,
    double ClientGcPauseMilliseconds,
    double GcPauseMilliseconds,
    double ThreadPoolQueue,
    long KestrelConnections,
    long HttpClientConnections,
    int LoadedCodeDescriptors)
{
    /// <summary>
    /// Descriptors that neither loaded code nor a counted connection explains: open descriptors minus the assemblies and
    /// native libraries the runtime maps (once each, the first time a code path needs one), the Npgsql pool's connections,
    /// Kestrel's open connections and HttpClient's open connections (each one socket). A leak shows here; a pool that
    /// grows and shrinks with load, or a library first loaded by the tenth fault, does not.
    /// </summary>
    public long UnexplainedDescriptors =>
        FileDescriptors - LoadedCodeDescriptors - Math.Max(0, PoolConnections) - KestrelConnections - HttpClientConnections;
}
