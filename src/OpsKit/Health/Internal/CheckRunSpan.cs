using System.Diagnostics;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// The span of one check run (docs/tracing.md): a root span named <c>health.check &lt;name&gt;</c> from the
/// <c>OpsKit</c> source, so a slow check can be followed in a trace backend and the check's own calls (HTTP, Npgsql,
/// Redis) become its children instead of joining the trace of whatever request triggered the run. Its attribute names
/// are a public contract listed in docs/tracing.md.
/// </summary>
internal static class CheckRunSpan
{
    /// <summary>
    /// Detaches the calling async flow from <see cref="Activity.Current"/> (a probe request, or the host's start-up
    /// when the scheduling loops began) and starts the run's span, or returns null when nobody listens. Call it at the
    /// top of an async method: the caller's own <see cref="Activity.Current"/> is restored when that method yields.
    /// </summary>
    public static Activity? Start(CheckDescriptor check)
    {
        if (Activity.Current is not null)
        {
            Activity.Current = null;
        }

        if (!OpsKitActivitySource.Instance.HasListeners())
        {
            return null;
        }

        var activity = OpsKitActivitySource.Instance.StartActivity("health.check " + check.Name, ActivityKind.Internal, parentContext: default);
        if (activity is not null)
        {
            activity.SetTag("opskit.check.name", check.Name);
            // Until a result is recorded the run counts as failed: a run the host's shutdown cuts short ends as one.
            activity.SetStatus(ActivityStatusCode.Error, "stopped before a result was recorded");
        }

        return activity;
    }

    /// <summary>Tags the span with the run's own result (before damping), as the run metrics count it.</summary>
    public static void Complete(Activity? activity, CheckResultEntry run)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("opskit.check.status", HealthMetrics.StatusLabel(run.Status));
        activity.SetTag("opskit.check.duration", run.Duration.TotalSeconds);
        // The category only, never the message: messages can name hosts or paths nobody chose to export.
        activity.SetTag("opskit.check.error_category", run.Error?.Category);
        if (run.Status == HealthStatus.Unhealthy)
        {
            var category = run.Error?.Category ?? "_OTHER";
            activity.SetTag("error.type", category);
            activity.SetStatus(ActivityStatusCode.Error, category);
        }
        else
        {
            activity.SetStatus(ActivityStatusCode.Unset);
        }
    }
}
