using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Days until certificates expire: the files under <c>Path</c>, or the certificate a TLS endpoint serves for its host
/// name (SNI). Expired or at most <c>UnhealthyDays</c> → Unhealthy; under <c>DegradedDays</c> → Degraded; under
/// <c>WarnDays</c> → listed in <c>expiring_soon</c>. Also feeds <c>opskit.certificate.expiry</c>.
/// </summary>
internal sealed class CertificateCheck(
    CertificateCheckOptions options, SystemCheckGauges gauges, IHostResolver resolver, CertificateFileCache cache, TimeProvider? time = null) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "certificate";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        List<CertificateInfo> certificates;
        var source = options.Path ?? $"{options.Host}:{options.Port}";
        try
        {
            certificates = options.Path is { } path ? ReadFiles(path) : [await ReadRemoteAsync(options.Host!, options.Port!.Value, cancellationToken).ConfigureAwait(false)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            return CheckResults.FromException(ex, new Dictionary<string, object> { ["source"] = source }, $"cannot read certificates from {source}");
        }

        gauges.SetCertificates(options.Name, [.. certificates.Select(c => KeyValuePair.Create(c.Id, c.NotAfter))]);
        return Evaluate(source, certificates);
    }

    private HealthCheckResult Evaluate(string source, List<CertificateInfo> certificates)
    {
        var now = _time.GetUtcNow();
        var entries = new List<object>(certificates.Count);
        var expiringSoon = new List<object>();
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        foreach (var certificate in certificates)
        {
            var days = (certificate.NotAfter - now).TotalDays;
            entries.Add(new Dictionary<string, object?>
            {
                ["id"] = certificate.Id,
                ["subject"] = certificate.Subject,
                ["not_after"] = certificate.NotAfter,
                ["days_remaining"] = CheckResults.Round(days, 2),
                ["chain"] = certificate.Chain,
            });
            var summary = days < 0
                ? $"{certificate.Id} expired {(-days).ToString("0.#", CultureInfo.InvariantCulture)} days ago"
                : $"{certificate.Id} expires in {days.ToString("0.#", CultureInfo.InvariantCulture)} days";
            if (days <= options.UnhealthyDays)
            {
                unhealthy.Add(summary);
            }
            else if (days < options.DegradedDays)
            {
                degraded.Add(summary);
            }

            if (days >= 0 && days < options.WarnDays)
            {
                expiringSoon.Add(certificate.Id);
            }
        }

        var data = new Dictionary<string, object>
        {
            ["source"] = source,
            ["count"] = certificates.Count,
            ["certificates"] = entries,
            ["expiring_soon"] = expiringSoon,
        };

        if (certificates.Count == 0)
        {
            return CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold, $"no certificate found in {source}", data);
        }

        if (unhealthy.Count > 0)
        {
            return CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold, string.Join("; ", unhealthy.Concat(degraded)), data);
        }

        if (degraded.Count > 0)
        {
            return CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Threshold, string.Join("; ", degraded), data);
        }

        return HealthCheckResult.Healthy(
            expiringSoon.Count == 0 ? $"{certificates.Count} certificate(s) valid" : $"{expiringSoon.Count} certificate(s) expire within {options.WarnDays} days",
            data);
    }

    private List<CertificateInfo> ReadFiles(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"{path} does not exist or access is denied");
        }

        var result = new List<CertificateInfo>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, CertificateFileCache.Entry>(StringComparer.Ordinal);
        foreach (var file in CertificateFiles.Find(path))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (!ids.Add(id))
            {
                id = Path.GetFileName(file);
            }

            if (cache.GetOrRead(options.Name, file, id, seen) is { } certificate)
            {
                result.Add(certificate);
            }
        }

        cache.Replace(options.Name, seen);

        return result;
    }

    private async Task<CertificateInfo> ReadRemoteAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = await TcpConnector.ConnectAsync(resolver, host, port, cancellationToken).ConfigureAwait(false);
        var errors = SslPolicyErrors.None;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    // The check reports expiry and chain problems itself; accepting here lets it read an expired certificate.
                    RemoteCertificateValidationCallback = (_, _, _, policyErrors) =>
                    {
                        errors = policyErrors;
                        return true;
                    },
                },
                cancellationToken).ConfigureAwait(false);
            using var certificate = stream.RemoteCertificate is X509Certificate2 full
                ? X509CertificateLoader.LoadCertificate(full.RawData)
                : X509CertificateLoader.LoadCertificate(stream.RemoteCertificate!.GetRawCertData());
            var chain = errors == SslPolicyErrors.None ? "valid" : errors.ToString();
            return new CertificateInfo($"{host}:{port}", certificate.Subject, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), chain);
        }
    }
}
