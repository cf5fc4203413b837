namespace OpsKit.Slo.Internal;

/// <summary>One target's value in the last evaluation (null while the window holds no request).</summary>
internal sealed record SloTargetResult(SloTarget Target, double? Value, SloState State);

/// <summary>The last evaluation of one objective; immutable, swapped whole.</summary>
internal sealed record SloEvaluation(
    SloSettings Settings,
    DateTimeOffset At,
    long Requests,
    long Errors,
    bool Judged,
    SloState State,
    IReadOnlyList<SloTargetResult> Targets)
{
    public static string Label(SloState state) => state switch
    {
        SloState.Warning => "warning",
        SloState.Critical => "critical",
        _ => "ok",
    };
}
