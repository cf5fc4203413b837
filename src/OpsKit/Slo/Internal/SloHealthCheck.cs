namespace OpsKit.Slo.Internal;

/// <summary>
/// Readiness of one objective with <c>AffectsReadiness</c>, read from its last evaluation (never by evaluating or
/// calling anything): Healthy when ok, Degraded on warning or critical, Unhealthy on critical only with
/// <c>CriticalMakesUnready</c>. Data: <c>state</c>, <c>requests</c> and one key per target with its current value.
/// </summary>
internal sealed class SloHealthCheck(SloObjective objective) : IHealthCheck
{
    public static string CheckName(string slo) => "slo." + slo;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var evaluation = objective.Last;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["state"] = SloEvaluation.Label(evaluation.State),
            ["requests"] = evaluation.Requests,
        };
        foreach (var target in evaluation.Targets)
        {
            if (target.Value is { } value)
            {
                data[target.Target.Name] = Math.Round(value, 6);
            }
        }

        if (evaluation.State == SloState.Ok)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                evaluation.Judged ? "Objective met." : "Too few requests in the window to judge.", data));
        }

        var breached = string.Join(", ", evaluation.Targets
            .Where(static t => t.State != SloState.Ok)
            .Select(static t => string.Create(CultureInfo.InvariantCulture, $"{t.Target.Name} {Format(t)} ({SloEvaluation.Label(t.State)})")));
        var status = evaluation.State == SloState.Critical && objective.Settings.CriticalMakesUnready ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        return Task.FromResult(new HealthCheckResult(status, $"Objective breached: {breached}.", data: data));
    }

    private static string Format(SloTargetResult result) => result.Target.Kind == SloTargetKind.Latency
        ? string.Create(CultureInfo.InvariantCulture, $"{result.Value * 1000:0.#} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{result.Value * 100:0.##} %");
}
