using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Health.Internal;

/// <summary>
/// Decides which result a check reports: leaving Healthy takes <see cref="CheckDescriptor.FailureThreshold"/>
/// non-Healthy runs in a row, returning to Healthy takes <see cref="CheckDescriptor.SuccessThreshold"/> Healthy runs in a
/// row; between Degraded and Unhealthy the latest run counts. Not thread-safe: the runner calls it under its snapshot lock.
/// </summary>
internal sealed class FlapDamping(int failureThreshold, int successThreshold)
{
    private int _failures;
    private int _successes;

    public CheckResultEntry Apply(CheckResultEntry? reported, CheckResultEntry run)
    {
        if (run.Status == HealthStatus.Healthy)
        {
            _failures = 0;
            _successes++;
        }
        else
        {
            _successes = 0;
            _failures++;
        }

        run = run.WithConsecutiveFailures(_failures);
        if (reported is null)
        {
            return run;
        }

        var held = reported.Status == HealthStatus.Healthy
            ? run.Status != HealthStatus.Healthy && _failures < failureThreshold
            : run.Status == HealthStatus.Healthy && _successes < successThreshold;
        if (held)
        {
            return reported.HeldFor(run);
        }

        return reported.Status == run.Status ? run.WithLastChange(reported.LastChange) : run;
    }
}
