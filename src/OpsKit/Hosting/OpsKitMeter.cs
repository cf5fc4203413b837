using System.Text.RegularExpressions;

namespace OpsKit.Hosting;

/// <summary>
/// The one OpsKit <see cref="System.Diagnostics.Metrics.Meter"/> (<c>OpsKit</c>), created through
/// <see cref="IMeterFactory"/> so that the host disposes it and tests can listen to one service provider's instruments
/// without cross-talk. Every OpsKit capability and integration package creates its instruments here, so that
/// <c>AddOpsTelemetry()</c> exports them and <c>MapOpsMetrics()</c> serves them. Resolve it from dependency injection;
/// <c>AddOpsHealth()</c>, every other OpsKit capability and <c>TryAddOpsKitMeter()</c> register it.
/// </summary>
/// <remarks>
/// Instrument names follow OpsKit's conventions: lowercase, dot-separated, starting with <c>opskit.</c> and then the
/// package's subject (<c>opskit.postgres.pool.utilization</c>), a unit from <see cref="InstrumentUnits"/> where the value has
/// one, and label values from a bounded set. The <c>Create…</c> methods reject a name that breaks the first rule.
/// </remarks>
public sealed partial class OpsKitMeter
{
    /// <summary>The meter's name: <c>OpsKit</c>.</summary>
    public const string Name = "OpsKit";

    /// <summary>Creates the meter from the host's meter factory.</summary>
    /// <param name="meterFactory">The host's meter factory (registered by <c>AddMetrics()</c>).</param>
    public OpsKitMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(Name)
        {
            Version = typeof(OpsKitMeter).Assembly.GetName().Version?.ToString(3),
        });
    }

    /// <summary>The meter itself, for instrument kinds the <c>Create…</c> methods do not cover.</summary>
    public Meter Meter { get; }

    /// <summary>Creates a counter named after OpsKit's conventions.</summary>
    /// <typeparam name="T">The value type (usually <see cref="long"/>).</typeparam>
    /// <param name="name">The instrument name, <c>opskit.&lt;subject&gt;.&lt;what&gt;</c>.</param>
    /// <param name="unit">A unit from <see cref="InstrumentUnits"/>, or null for a count.</param>
    /// <param name="description">What one increment means, for the Prometheus <c># HELP</c> line.</param>
    /// <returns>The counter.</returns>
    public Counter<T> CreateCounter<T>(string name, string? unit = null, string? description = null)
        where T : struct => Meter.CreateCounter<T>(ThrowIfInvalidName(name), unit, description);

    /// <summary>Creates a histogram named after OpsKit's conventions.</summary>
    /// <typeparam name="T">The value type (usually <see cref="double"/>).</typeparam>
    /// <param name="name">The instrument name, <c>opskit.&lt;subject&gt;.&lt;what&gt;</c>.</param>
    /// <param name="unit">A unit from <see cref="InstrumentUnits"/>, for example <see cref="InstrumentUnits.Seconds"/>.</param>
    /// <param name="description">What one recorded value is.</param>
    /// <returns>The histogram.</returns>
    public Histogram<T> CreateHistogram<T>(string name, string? unit = null, string? description = null)
        where T : struct => Meter.CreateHistogram<T>(ThrowIfInvalidName(name), unit, description);

    /// <summary>
    /// Creates a gauge named after OpsKit's conventions. <paramref name="observe"/> runs on every scrape: return the
    /// last values your code measured, never call a dependency from it.
    /// </summary>
    /// <typeparam name="T">The value type (usually <see cref="double"/>).</typeparam>
    /// <param name="name">The instrument name, <c>opskit.&lt;subject&gt;.&lt;what&gt;</c>.</param>
    /// <param name="observe">Returns the current measurements, one per label set.</param>
    /// <param name="unit">A unit from <see cref="InstrumentUnits"/>, for example <see cref="InstrumentUnits.Ratio"/>.</param>
    /// <param name="description">What the value is.</param>
    /// <returns>The gauge.</returns>
    public ObservableGauge<T> CreateObservableGauge<T>(
        string name, Func<IEnumerable<Measurement<T>>> observe, string? unit = null, string? description = null)
        where T : struct => Meter.CreateObservableGauge(ThrowIfInvalidName(name), observe, unit, description);

    private static string ThrowIfInvalidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ConventionalName().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' does not follow OpsKit's instrument naming: lowercase words separated by dots, starting with 'opskit.' (for example opskit.postgres.pool.utilization).",
                nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^opskit(\\.[a-z][a-z0-9_]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConventionalName();
}
