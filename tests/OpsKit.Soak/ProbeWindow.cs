using System.Globalization;

namespace OpsKit.Soak;

/// <summary>
/// The probes of one sampling window as the prober saw them (ms), with the prober's own worst lag and GC pause time in
/// that window and its
/// running totals. Travels between the prober process and the soak as one line of text.
/// </summary>
internal sealed record ProbeWindow(int Count, double P99, double Max, double ClientLag, double ClientGcPause, long Requests, long Errors)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Count} {P99:R} {Max:R} {ClientLag:R} {ClientGcPause:R} {Requests} {Errors}");

    public static ProbeWindow Parse(string line)
    {
        var parts = line.Split(' ');
        return new ProbeWindow(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture),
            double.Parse(parts[3], CultureInfo.InvariantCulture),
            double.Parse(parts[4], CultureInfo.InvariantCulture),
            long.Parse(parts[5], CultureInfo.InvariantCulture),
            long.Parse(parts[6], CultureInfo.InvariantCulture));
    }

    /// <summary>The <paramref name="fraction"/> quantile of sorted values (nearest rank); 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
