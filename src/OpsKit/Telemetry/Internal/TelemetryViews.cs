using OpenTelemetry.Metrics;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// The metric views of <c>AddOpsTelemetry()</c>: histogram buckets per instrument and no attribute that carries a
/// connection string, in every meter provider; names Prometheus' linter accepts, in the Prometheus provider only
/// (<see cref="PrometheusMeterProvider"/>). One view function decides every instrument's single stream:
/// OpenTelemetry makes one stream per matching view, so a second view on the same instrument (say, buckets for a
/// Npgsql histogram) would export it again with the attributes the first one removed.
/// </summary>
internal static class TelemetryViews
{
    /// <summary>
    /// The request-duration buckets (seconds) of OpenTelemetry's HTTP semantic conventions, which docs/metrics.md lists.
    /// </summary>
    public static readonly double[] RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>Check runs are usually milliseconds; the top bucket covers the default 5 s timeout.</summary>
    public static readonly double[] CheckDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// Gauges of the exported meters whose names end in <c>.count</c>: Prometheus reserves <c>_count</c> for histograms
    /// and summaries, so <c>promtool check metrics</c> rejects them. Renamed in the Prometheus output only (OTLP and any
    /// other exporter keep the semantic-convention names), not dropped: operators still want the values. Npgsql's pool
    /// gauge takes its previous semantic-convention name.
    /// </summary>
    public static readonly IReadOnlyList<(string Instrument, string RenamedTo)> PrometheusRenames =
    [
        ("dotnet.assembly.count", "dotnet.assembly.loaded"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.timer.count", "dotnet.timers.active"),
        ("db.client.connection.count", "db.client.connections.usage"),
    ];

    /// <summary>
    /// Attributes, per meter, whose values can be a connection string. Npgsql names a pool (and tags every instrument
    /// with it) after its connection string minus <c>Password</c> unless the app named the data source, so host,
    /// port, database, user name and <c>SSL Password</c> would reach every exporter. A view cannot rewrite a value,
    /// only drop the attribute, so it is dropped for every pool (docs/metrics.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> ConnectionStringAttributes =
        new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Npgsql"] = ["db.client.connection.pool.name"],
        };

    public static IReadOnlyDictionary<string, double[]> EffectiveBuckets(OpsTelemetryOptions options)
    {
        var buckets = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["http.server.request.duration"] = RequestDurationBuckets,
            ["http.client.request.duration"] = RequestDurationBuckets,
            ["opskit.health.check.duration"] = CheckDurationBuckets,
        };
        foreach (var (instrument, bounds) in options.HistogramBuckets)
        {
            buckets[instrument] = bounds;
        }

        return buckets;
    }

    /// <summary>
    /// The views of the app's meter provider: buckets and the connection-string attributes, no renames. The view
    /// function also records which meters the provider exports, for the Prometheus provider.
    /// </summary>
    public static void AddViews(IServiceProvider services, MeterProviderBuilder builder)
    {
        var buckets = EffectiveBuckets(CurrentOrDefault(services));
        var exported = services.GetRequiredService<ExportedMeters>();
        var renames = new Dictionary<string, string>();
        builder.AddView(instrument =>
        {
            exported.Add(instrument);
            return StreamFor(instrument, buckets, renames);
        });
    }

    /// <summary>
    /// The views of the Prometheus meter provider, which listens to every meter: the meters the app's provider
    /// exports, with its views and the renames promtool needs; every other meter dropped.
    /// </summary>
    public static void AddPrometheusViews(IServiceProvider services, MeterProviderBuilder builder)
    {
        var buckets = EffectiveBuckets(CurrentOrDefault(services));
        var exported = services.GetRequiredService<ExportedMeters>();
        var renames = PrometheusRenames.ToDictionary(r => r.Instrument, r => r.RenamedTo, StringComparer.OrdinalIgnoreCase);
        builder.AddMeter("*").AddView(instrument =>
            exported.Contains(instrument) ? StreamFor(instrument, buckets, renames) : MetricStreamConfiguration.Drop);
    }

    private static OpsTelemetryOptions CurrentOrDefault(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<OpsTelemetryOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up validation reports every configuration error; building the meter provider must not hide them.
            return new OpsTelemetryOptions();
        }
    }

    internal static MetricStreamConfiguration? StreamFor(
        Instrument instrument,
        IReadOnlyDictionary<string, double[]> buckets,
        IReadOnlyDictionary<string, string> renames)
    {
        var renamedTo = renames.GetValueOrDefault(instrument.Name);
        var excluded = ConnectionStringAttributes.GetValueOrDefault(instrument.Meter.Name);
        var bounds = IsHistogram(instrument) ? buckets.GetValueOrDefault(instrument.Name) : null;
        if (renamedTo is null && excluded is null && bounds is null)
        {
            return null;
        }

        var stream = bounds is null ? new MetricStreamConfiguration() : new ExplicitBucketHistogramConfiguration { Boundaries = bounds };
        if (renamedTo is not null)
        {
            stream.Name = renamedTo;
        }

        if (excluded is not null)
        {
            stream.ExcludedTagKeys = excluded;
        }

        return stream;
    }

    private static bool IsHistogram(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>);
    }
}
