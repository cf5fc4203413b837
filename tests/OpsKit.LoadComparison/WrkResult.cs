namespace OpsKit.LoadComparison;

/// <summary>
/// One wrk report. wrk 4.1 counts a response that arrives after <c>--timeout</c> in <see cref="Timeouts"/> (and in
/// <see cref="Requests"/>) but not in the latency distribution; requests still waiting when the run ends are in neither.
/// <see cref="NonSuccess"/> counts status codes above 399 (a 503 from a readiness probe is one).
/// </summary>
internal sealed record WrkResult(
    string Command,
    string Output,
    long Requests,
    TimeSpan Runtime,
    double RequestsPerSecond,
    TimeSpan? P50,
    TimeSpan? P99,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long Timeouts,
    long NonSuccess)
{
    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors;

    /// <summary>Responses that arrived within <c>--timeout</c>, per second of the run.</summary>
    public double InTimePerSecond => (Requests - Timeouts) / Runtime.TotalSeconds;

    /// <summary>Timeouts and socket errors over every response wrk saw (NaN when it saw none).</summary>
    public double ErrorRate => Requests + SocketErrors == 0 ? double.NaN : (double)(Timeouts + SocketErrors) / (Requests + SocketErrors);

    /// <summary>Share of responses with a status above 399 (NaN when there were none).</summary>
    public double NonSuccessRate => Requests == 0 ? double.NaN : (double)NonSuccess / Requests;
}
