namespace OpsKit.Slo.Internal;

/// <summary>A configured objective at run time: its settings, its sliding window and its last evaluation.</summary>
internal sealed class SloObjective
{
    private readonly long[] _merged = new long[LogHistogram.BucketCount];
    private SloEvaluation _last;

    public SloObjective(SloSettings settings, TimeProvider time)
    {
        Settings = settings;
        Time = time;
        Window = new SlidingWindow(settings.Window, time);
        _last = new SloEvaluation(settings, time.GetUtcNow(), 0, 0, Judged: false, SloState.Ok,
            [.. settings.Targets.Select(static t => new SloTargetResult(t, null, SloState.Ok))]);
    }

    public SloSettings Settings { get; }

    public SlidingWindow Window { get; }

    public SloEvaluation Last => Volatile.Read(ref _last);

    private TimeProvider Time { get; }

    public void Record(double seconds, string? route, int status, string? errorType)
    {
        if (Settings.Covers(route))
        {
            Window.Record(seconds, Settings.IsError(status, errorType));
        }
    }

    public SloEvaluation Evaluate()
    {
        lock (_merged)
        {
            var (requests, errors) = Window.Snapshot(_merged);
            var judged = requests >= Settings.MinRequests;
            var results = new SloTargetResult[Settings.Targets.Count];
            var overall = SloState.Ok;
            for (var i = 0; i < results.Length; i++)
            {
                var target = Settings.Targets[i];
                double? value = requests == 0 ? null : target.Kind switch
                {
                    SloTargetKind.Latency => LogHistogram.Quantile(_merged, requests, target.Quantile),
                    SloTargetKind.ErrorRate => (double)errors / requests,
                    _ => 1.0 - ((double)errors / requests),
                };
                var state = judged && value is { } v ? target.Judge(v) : SloState.Ok;
                overall = state > overall ? state : overall;
                results[i] = new SloTargetResult(target, value, state);
            }

            var evaluation = new SloEvaluation(Settings, Time.GetUtcNow(), requests, errors, judged, overall, results);
            Volatile.Write(ref _last, evaluation);
            return evaluation;
        }
    }
}
