namespace OpsKit.Health.Internal;

/// <summary>Values of <c>reason</c> in probe bodies.</summary>
internal static class LifecycleReasons
{
    public const string Starting = "starting";
    public const string Maintenance = "maintenance";
    public const string Stopping = "stopping";
}
