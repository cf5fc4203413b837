namespace OpsKit.LoadComparison;

/// <summary>A probe-storm run: wrk's report and what the probes cost the dependencies, per second of the run.</summary>
internal sealed record StormResult(WrkResult Wrk, double StatementsPerSecond, double RedisCommandsPerSecond, double UpstreamCallsPerSecond);
