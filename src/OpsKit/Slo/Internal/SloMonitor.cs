namespace OpsKit.Slo.Internal;

/// <summary>
/// The valid objectives of this service provider (invalid ones are reported at start-up and never built) and the
/// configuration errors found while resolving them.
/// </summary>
internal sealed class SloMonitor
{
    public SloMonitor(IOptions<OpsSloOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (settings, errors) = SloSettingsResolver.Resolve(options.Value);
        Errors = errors;
        Objectives = [.. settings.Select(s => new SloObjective(s, time))];
    }

    public IReadOnlyList<string> Errors { get; }

    public SloObjective[] Objectives { get; }

    /// <summary>The recording path: one request's duration and outcome into every objective that covers its route.</summary>
    public void Record(double seconds, string? route, int status, string? errorType)
    {
        foreach (var objective in Objectives)
        {
            objective.Record(seconds, route, status, errorType);
        }
    }

    public void EvaluateAll()
    {
        foreach (var objective in Objectives)
        {
            objective.Evaluate();
        }
    }
}
