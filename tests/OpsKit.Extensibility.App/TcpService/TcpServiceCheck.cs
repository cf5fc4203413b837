using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;

namespace Contoso.OpsKit.TcpService;

/// <summary>
/// <c>tcp-service</c>: connects to the service and compares the connect latency with the thresholds. A refused or
/// unreachable connection is thrown, so the engine reports it with its category (<c>connection_refused</c>, <c>dns</c>,
/// <c>timeout</c>) like any built-in check's.
/// </summary>
/// <param name="options">The check's current options (created per run).</param>
/// <param name="metrics">The gauge.</param>
/// <param name="time">The clock; the system's when none is registered.</param>
public sealed class TcpServiceCheck(TcpServiceCheckOptions options, TcpServiceMetrics metrics, TimeProvider? time = null) : IHealthCheck
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = _time.GetTimestamp();
        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(options.Host!, options.Port!.Value, cancellationToken).ConfigureAwait(false);
        }

        var latency = _time.GetElapsedTime(started);
        metrics.Record(context.Registration.Name, latency);
        var data = new Dictionary<string, object> { ["latency_ms"] = Math.Round(latency.TotalMilliseconds, 3) };
        var text = $"connect took {latency.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms";
        if (options.UnhealthyAt is { } unhealthy && latency >= unhealthy)
        {
            return Threshold(HealthStatus.Unhealthy, $"{text} (UnhealthyAt {unhealthy})", data);
        }

        return latency >= options.DegradedAt
            ? Threshold(HealthStatus.Degraded, $"{text} (DegradedAt {options.DegradedAt})", data)
            : HealthCheckResult.Healthy(text, data);
    }

    private static HealthCheckResult Threshold(HealthStatus status, string message, Dictionary<string, object> data) =>
        new(status, message, new HealthCheckFailureException(HealthErrorCategories.Threshold, message), data);
}
