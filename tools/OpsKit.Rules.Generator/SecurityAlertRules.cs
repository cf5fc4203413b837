using System.Globalization;

namespace OpsKit.Rules.Generator;

/// <summary>
/// Rules on the security signals of the OpsKit package (<c>opskit-security-alerts.yml</c>). Ratios use failures over
/// attempts, so a scheme with no successes at all still alerts, and a quiet scheme (no attempts) never does.
/// </summary>
public static class SecurityAlertRules
{
    /// <summary>Rule file name under docs/prometheus.</summary>
    public const string FileName = "opskit-security-alerts.yml";

    /// <summary>Alert when the success rate stays below this for 5 minutes.</summary>
    public const double MinimumSuccessRate = 0.95;

    /// <summary>Events of one type within 5 minutes that count as a spike.</summary>
    public const int SpikeEvents = 20;

    private const string Attempts = "opskit_security_auth_attempts_total";
    private const string Events = "opskit_security_events_total";

    private static readonly string FailureRatio = (1 - MinimumSuccessRate).ToString("0.##", CultureInfo.InvariantCulture);
    private static readonly string Percent = (MinimumSuccessRate * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The rule file; its promtool tests are written by hand (<c>opskit-security-alerts.test.yml</c>).</summary>
    public static readonly RuleFile File = new(
        FileName,
        [],
        [
            new RuleGroup(
                "opskit-security",
                [],
                [
                    new(
                        "OpsKitAuthSuccessRateLow",
                        $"sum by (job, scheme) (rate({Attempts}{{result=\"failure\"}}[5m])) / sum by (job, scheme) (rate({Attempts}[5m])) > {FailureRatio}",
                        "5m",
                        "warning",
                        $"Authentication success rate below {Percent} % for scheme {{{{ $labels.scheme }}}}",
                        "Failed attempts are {{ $value | humanizePercentage }} of all attempts over 5 minutes; the top offenders are in the security section of the detailed /health JSON."),
                    new(
                        "OpsKitSecurityEventSpike",
                        $"sum by (job, type, reason) (increase({Events}[5m])) > {SpikeEvents}",
                        "1m",
                        "warning",
                        $"More than {SpikeEvents} security events {{{{ $labels.type }}}}/{{{{ $labels.reason }}}} in 5 minutes",
                        "{{ $value }} events in 5 minutes; see the top offenders in the security section of the detailed /health JSON."),
                    new(
                        "OpsKitOutboundCertificateValidationFailed",
                        $"sum by (job, reason) (increase({Events}{{type=\"certificate_validation_failed\"}}[5m])) > 0",
                        null,
                        "critical",
                        "Outbound TLS certificate validation failed ({{ $labels.reason }})",
                        "An outbound HTTPS call was refused because the server certificate is {{ $labels.reason }}."),
                ]),
        ]);
}
