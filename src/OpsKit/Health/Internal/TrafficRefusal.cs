using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpsKit.Hosting;

namespace OpsKit.Health.Internal;

/// <summary>
/// Traffic refused from code (<see cref="IOpsAvailability"/>): readiness fails with the given reason until the app
/// accepts traffic again or the refusal expires.
/// </summary>
internal sealed class TrafficRefusal : IOpsAvailability, IDisposable
{
    private const int MaxReasonLength = 64;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Refusal? _current;
    private ITimer? _expiry;

    public TrafficRefusal(ILogger<TrafficRefusal> logger, OpsKitMeter meter, TimeProvider? time = null)
    {
        _logger = logger;
        _time = time ?? TimeProvider.System;
        meter.Meter.CreateObservableGauge(
            "opskit.health.traffic.refused",
            Observe,
            description: "1 while the application refuses traffic from code (label reason), else 0.");
    }

    /// <summary>Raised after the refusal starts, changes or ends.</summary>
    public event Action? Changed;

    public string? RefusalReason => Volatile.Read(ref _current)?.Reason;

    /// <summary>The <c>/health/ready</c> body while refused; null while traffic is accepted.</summary>
    public byte[]? ReadyBody => Volatile.Read(ref _current)?.ReadyBody;

    public void RefuseTraffic(string reason, TimeSpan? duration = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (reason.Length > MaxReasonLength || !reason.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"The reason must be 1-{MaxReasonLength} characters of letters, digits, '-', '_' or '.'.", nameof(reason));
        }

        if (duration is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(d, TimeSpan.Zero, nameof(duration));
        }

        var refusal = new Refusal(reason, HealthResponses.Body(HealthStatus.Unhealthy, reason));
        lock (_gate)
        {
            _expiry?.Dispose();
            _expiry = duration is { } expiry
                ? _time.CreateTimer(static state => ((Expiry)state!).Fire(), new Expiry(this, refusal), expiry, Timeout.InfiniteTimeSpan)
                : null;
            Volatile.Write(ref _current, refusal);
        }

        Log.TrafficRefused(_logger, reason, duration?.TotalMilliseconds ?? -1);
        Changed?.Invoke();
    }

    public void AcceptTraffic() => End(only: null);

    public void Dispose()
    {
        lock (_gate)
        {
            _expiry?.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> Observe()
    {
        var reason = RefusalReason;
        yield return reason is null
            ? new Measurement<int>(0)
            : new Measurement<int>(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>Ends the current refusal; with <paramref name="only"/>, only if that refusal is still the current one (expiry).</summary>
    private void End(Refusal? only)
    {
        Refusal? ended;
        lock (_gate)
        {
            ended = _current;
            if (only is not null && !ReferenceEquals(ended, only))
            {
                return;
            }

            _expiry?.Dispose();
            _expiry = null;
            Volatile.Write(ref _current, null);
        }

        if (ended is null)
        {
            return;
        }

        Log.TrafficAccepted(_logger, ended.Reason, only is null ? "accepted" : "expired");
        Changed?.Invoke();
    }

    private sealed record Refusal(string Reason, byte[] ReadyBody);

    private sealed record Expiry(TrafficRefusal Owner, Refusal Refusal)
    {
        public void Fire() => Owner.End(Refusal);
    }
}
