using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OpsKit.Health.Internal;

/// <summary>The few possible probe bodies, encoded once.</summary>
internal static class HealthResponses
{
    /// <summary>The <c>reason</c> of a readiness answer kept at 200 Degraded by Unhealthy dependencies.</summary>
    public const string DependencyReason = "dependency";

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

    /// <summary><c>{"status":"Degraded","reason":"dependency","dependencies":[…]}</c>: readiness kept by <see cref="CheckReadiness.Degrade"/>.</summary>
    public static byte[] DegradedByDependencies(IReadOnlyList<string> checks)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", nameof(HealthStatus.Degraded));
            json.WriteString("reason", DependencyReason);
            json.WriteStartArray("dependencies");
            foreach (var check in checks)
            {
                json.WriteStringValue(check);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Body(HealthStatus status, string? reason) => Encoding.UTF8.GetBytes(reason is null
        ? $$"""{"status":"{{status}}"}"""
        : $$"""{"status":"{{status}}","reason":"{{reason}}"}""");
}
