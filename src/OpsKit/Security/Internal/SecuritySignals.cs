using System.Collections.Frozen;
using System.Net;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>
/// The counters, the per-type top-offender tables and the security log: every hook ends here. Labels come only from
/// the <see cref="SecurityEventCatalog"/> and registered scheme names; client addresses go to the offender tables.
/// </summary>
internal sealed class SecuritySignals : ISecuritySignals
{
    // Logged by RecordAuthenticationFailure with its scheme, not again as a plain event.
    private static readonly string AuthFailure = SecurityEventType.AuthFailure.Label();

    private readonly Counter<long> _events;
    private readonly Counter<long> _attempts;
    private readonly FrozenDictionary<string, OffenderTable> _offenders;
    private readonly ILogger _logger;
    private readonly bool _log;

    public SecuritySignals(IOptions<OpsSecurityOptions> options, OpsKitMeter meter, ILogger<SecuritySignals> logger)
    {
        var value = options.Value;
        Catalog = new SecurityEventCatalog(value);
        _events = meter.Meter.CreateCounter<long>("opskit.security.events", description: "Security events by registered type and reason.");
        _attempts = meter.Meter.CreateCounter<long>("opskit.security.auth.attempts", description: "Authentication attempts by scheme and result.");
        _offenders = Catalog.Types.Keys.ToFrozenDictionary(t => t, _ => new OffenderTable(value.TopOffenders), StringComparer.Ordinal);
        _logger = logger;
        _log = value.LogEvents;
    }

    public SecurityEventCatalog Catalog { get; }

    public IReadOnlyDictionary<string, OffenderTable> Offenders => _offenders;

    public void RecordSecurityEvent(string type, string reason, IPAddress? client = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(reason);
        if (!Catalog.Types.TryGetValue(type, out var reasons))
        {
            throw new ArgumentException($"Security event type '{type}' is not registered; add it under {OpsSecurityOptions.SectionName}:EventTypes.", nameof(type));
        }

        if (!reasons.Contains(reason))
        {
            throw new ArgumentException($"Reason '{reason}' is not registered for security event type '{type}'; add it under {OpsSecurityOptions.SectionName}:EventTypes:{type}.", nameof(reason));
        }

        Record(type, reason, client);
    }

    /// <summary>Hooks call this with a reason from the catalog only.</summary>
    internal void Record(SecurityEventType type, string reason, IPAddress? client) => Record(type.Label(), reason, client);

    private void Record(string type, string reason, IPAddress? client)
    {
        _events.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("reason", reason));
        var address = client is null ? null : Normalize(client).ToString();
        if (address is not null)
        {
            _offenders[type].Add(address);
        }

        if (_log && type != AuthFailure)
        {
            Log.SecurityEvent(_logger, type, reason, address ?? "-");
        }
    }

    internal void RecordAttempt(string scheme, bool success)
    {
        _attempts.Add(
            1,
            new KeyValuePair<string, object?>("scheme", scheme),
            new KeyValuePair<string, object?>("result", success ? "success" : "failure"));
    }

    internal void RecordAuthenticationFailure(string scheme, string reason, IPAddress? client, bool attempt)
    {
        if (attempt)
        {
            RecordAttempt(scheme, success: false);
        }

        Record(SecurityEventType.AuthFailure, reason, client);
        if (_log)
        {
            Log.AuthenticationFailed(_logger, scheme, reason, client is null ? "-" : Normalize(client).ToString());
        }
    }

    internal void RecordCertificateFailure(SecurityEventReason reason, string host)
    {
        Record(SecurityEventType.CertificateValidationFailed, reason.Label(), client: null);
        if (_log)
        {
            Log.CertificateValidationFailed(_logger, host, reason.Label());
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
