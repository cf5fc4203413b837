namespace OpsKit.Hosting;

/// <summary>
/// Units of OpsKit instruments as OpenTelemetry expects them. The Prometheus exporter appends them to the series name:
/// <see cref="Seconds"/> gives <c>_seconds</c>, <see cref="Ratio"/> gives <c>_ratio</c>, <see cref="Bytes"/> gives
/// <c>_bytes</c>.
/// </summary>
public static class InstrumentUnits
{
    /// <summary>Durations, in seconds.</summary>
    public const string Seconds = "s";

    /// <summary>
    /// A share between 0 and 1. Not UCUM's <c>1</c>: the Prometheus exporter renders a gauge with unit <c>1</c> without
    /// a suffix, while OpsKit's ratio series end in <c>_ratio</c>, here and in the OpenTelemetry Collector's Prometheus
    /// translation.
    /// </summary>
    public const string Ratio = "ratio";

    /// <summary>Sizes, in bytes.</summary>
    public const string Bytes = "By";
}
