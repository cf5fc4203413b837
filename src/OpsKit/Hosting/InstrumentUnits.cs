namespace OpsKit.Hosting;

/// <summary>
/// Units of OpsKit instruments as OpenTelemetry's semantic conventions write them (UCUM). The Prometheus exporter
/// appends some to the series name: <see cref="Seconds"/> gives <c>_seconds</c>, <see cref="Bytes"/> gives
/// <c>_bytes</c>; <see cref="Ratio"/> gives no suffix.
/// </summary>
public static class InstrumentUnits
{
    /// <summary>Durations, in seconds.</summary>
    public const string Seconds = "s";

    /// <summary>
    /// A fraction between 0 and 1, in UCUM's dimensionless unit <c>1</c>, as the conventions write it for
    /// <c>*.utilization</c> instruments (for example <c>opskit.disk.utilization</c>).
    /// </summary>
    public const string Ratio = "1";

    /// <summary>Sizes, in bytes.</summary>
    public const string Bytes = "By";
}
