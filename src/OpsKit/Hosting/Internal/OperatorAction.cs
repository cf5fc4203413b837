namespace OpsKit.Hosting.Internal;

/// <summary>The state changes operators make through OpsKit endpoints: the <c>action</c> label of <c>opskit.operator.actions</c>.</summary>
internal enum OperatorAction
{
    Maintenance,
    Refresh,
    CacheClear,
    LogLevel,
}
