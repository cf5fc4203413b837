namespace OpsKit.Slo.Internal;

internal enum SloTargetKind
{
    Latency,
    ErrorRate,
    Availability,
}

/// <summary>
/// One resolved target. Latency thresholds are in seconds; ratios are 0–1. For latency and error rate a value at or
/// above a threshold reaches that level; for availability a value below it does.
/// </summary>
internal sealed record SloTarget(string Name, SloTargetKind Kind, double Quantile, double? Warning, double? Critical)
{
    public string Unit => Kind == SloTargetKind.Latency ? "s" : "ratio";

    public SloState Judge(double value)
    {
        if (Kind == SloTargetKind.Availability)
        {
            return Critical is { } c && value < c ? SloState.Critical
                : Warning is { } w && value < w ? SloState.Warning
                : SloState.Ok;
        }

        return Critical is { } critical && value >= critical ? SloState.Critical
            : Warning is { } warning && value >= warning ? SloState.Warning
            : SloState.Ok;
    }
}
