namespace OpsKit.Slo.Internal;

/// <summary>The state of a target or objective; the values are those of the <c>opskit.slo.state</c> gauge.</summary>
internal enum SloState
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
}
