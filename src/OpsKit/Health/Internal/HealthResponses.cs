using System.Text;

namespace OpsKit.Health.Internal;

/// <summary>The few possible probe bodies, encoded once.</summary>
internal static class HealthResponses
{
    public static readonly byte[] Healthy = Body(HealthStatus.Healthy, null);
    public static readonly byte[] Degraded = Body(HealthStatus.Degraded, null);
    public static readonly byte[] Unhealthy = Body(HealthStatus.Unhealthy, null);
    public static readonly byte[] Starting = Body(HealthStatus.Unhealthy, LifecycleReasons.Starting);
    public static readonly byte[] Maintenance = Body(HealthStatus.Unhealthy, LifecycleReasons.Maintenance);
    public static readonly byte[] Stopping = Body(HealthStatus.Unhealthy, LifecycleReasons.Stopping);

    public static byte[] For(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => Healthy,
        HealthStatus.Degraded => Degraded,
        _ => Unhealthy,
    };

    public static byte[] Body(HealthStatus status, string? reason) => Encoding.UTF8.GetBytes(reason is null
        ? $$"""{"status":"{{status}}"}"""
        : $$"""{"status":"{{status}}","reason":"{{reason}}"}""");
}
