using System.Net.Sockets;

namespace OpsKit.Health.Checks.Internal;

/// <summary>A TCP connection opens: <c>dns</c>, <c>connection_refused</c> or (from the engine) <c>timeout</c> otherwise.</summary>
internal sealed class TcpDependencyCheck(TcpDependencyCheckOptions options, IHostResolver resolver, TimeProvider? time = null) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "tcp";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var host = options.Host!;
        var port = options.Port!.Value;
        var data = new Dictionary<string, object> { ["host"] = host, ["port"] = port };
        var started = _time.GetTimestamp();
        try
        {
            using var socket = await TcpConnector.ConnectAsync(resolver, host, port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return CheckResults.FromException(ex, data, $"connect to {host}:{port}");
        }

        var latency = _time.GetElapsedTime(started);
        data["latency_ms"] = CheckResults.Round(latency.TotalMilliseconds, 1);
        if (options.DegradedLatency is { } slow && latency > slow)
        {
            return CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Threshold,
                $"connect to {host}:{port} took {latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms, over DegradedLatency", data);
        }

        return HealthCheckResult.Healthy($"{host}:{port} accepts connections", data);
    }
}
