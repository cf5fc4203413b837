using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace OpsKit.Telemetry.Internal;

/// <summary>Metric views: histogram buckets per instrument, and names Prometheus' linter accepts.</summary>
internal static class TelemetryViews
{
    /// <summary>The seeds' request-duration buckets (seconds).</summary>
    public static readonly double[] RequestDurationBuckets = [0.1, 0.5, 1, 2.5, 5, 10];

    /// <summary>Check runs are usually milliseconds; the top bucket covers the default 5 s timeout.</summary>
    public static readonly double[] CheckDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// Gauges of the exported meters whose names end in <c>.count</c>: Prometheus reserves <c>_count</c> for histograms
    /// and summaries, so <c>promtool check metrics</c> rejects them. Renamed, not dropped: operators still want the
    /// values. Npgsql's pool gauge takes its previous semantic-convention name.
    /// </summary>
    public static readonly IReadOnlyList<(string Instrument, string RenamedTo)> CountSuffixRenames =
    [
        ("dotnet.assembly.count", "dotnet.assembly.loaded"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.timer.count", "dotnet.timers.active"),
        ("db.client.connection.count", "db.client.connections.usage"),
    ];

    public static IReadOnlyDictionary<string, double[]> EffectiveBuckets(OpsTelemetryOptions options)
    {
        var buckets = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["http.server.request.duration"] = RequestDurationBuckets,
            ["http.client.request.duration"] = RequestDurationBuckets,
            [InstrumentNames.HealthCheckDuration] = CheckDurationBuckets,
        };
        foreach (var (instrument, bounds) in options.HistogramBuckets)
        {
            buckets[instrument] = bounds;
        }

        return buckets;
    }

    public static void AddCountSuffixRenames(MeterProviderBuilder builder)
    {
        foreach (var (instrument, renamedTo) in CountSuffixRenames)
        {
            builder.AddView(instrument, new MetricStreamConfiguration { Name = renamedTo });
        }
    }

    public static void AddHistogramViews(IServiceProvider services, MeterProviderBuilder builder)
    {
        OpsTelemetryOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<OpsTelemetryOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up validation reports every configuration error; building the meter provider must not hide them.
            options = new OpsTelemetryOptions();
        }

        foreach (var (instrument, bounds) in EffectiveBuckets(options))
        {
            builder.AddView(instrument, new ExplicitBucketHistogramConfiguration { Boundaries = bounds });
        }
    }
}
