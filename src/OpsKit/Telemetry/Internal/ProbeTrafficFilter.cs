using OpsKit.Health;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// Knows the probe and scrape paths (from <c>OpsKit:Health:Paths</c> and <c>OpsKit:Telemetry:MetricsPath</c>) so
/// that kubelets and Prometheus polling every few seconds do not drown real traffic in traces.
/// </summary>
internal sealed class ProbeTrafficFilter
{
    private readonly Lazy<PathString[]> _excluded;

    public ProbeTrafficFilter(IOptions<OpsTelemetryOptions> telemetry, IOptions<OpsHealthOptions> health)
    {
        _excluded = new Lazy<PathString[]>(() => ExcludedPaths(telemetry, health));
    }

    public bool IsExcluded(PathString path)
    {
        foreach (var excluded in _excluded.Value)
        {
            if (path.Equals(excluded, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static PathString[] ExcludedPaths(IOptions<OpsTelemetryOptions> telemetry, IOptions<OpsHealthOptions> health)
    {
        var telemetryOptions = ValueOrDefault(telemetry);
        if (!telemetryOptions.ExcludeProbeTraffic)
        {
            return [];
        }

        var paths = ValueOrDefault(health).Paths;
        return new[] { paths.Live, paths.Ready, paths.Startup, paths.Details, paths.Alive, telemetryOptions.MetricsPath }
            .Where(p => !string.IsNullOrEmpty(p) && p.StartsWith('/'))
            .Select(p => new PathString(p.TrimEnd('/').Length == 0 ? p : p.TrimEnd('/')))
            .Distinct()
            .ToArray();
    }

    private static T ValueOrDefault<T>(IOptions<T> options)
        where T : class, new()
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException)
        {
            return new T();
        }
    }
}
