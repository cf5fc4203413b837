using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using OpsKit.Testing;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>Starts the sample in-process (<see cref="SampleHost"/>) with the scenarios' timing and per-test directories.</summary>
internal static class GatewayHost
{
    /// <summary>
    /// The poll limit of waits that are not a scenario's timed step (a metric that follows a check, a start-up); timed
    /// steps go through <see cref="FaultClock"/>, which asserts the scenario's own bound.
    /// </summary>
    public static readonly TimeSpan N = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Settings for a healthy sample: period 1 s, timeout 2 s; the gateway check and both endpoints on
    /// <paramref name="gateway"/>; data and certificate directories under <paramref name="root"/> (one valid
    /// certificate), so a test changes only what its scenario injects.
    /// </summary>
    public static Dictionary<string, string?> Settings(GatewayStub gateway, string root)
    {
        var data = Path.Combine(root, "data");
        var certificates = Path.Combine(root, "certificates");
        Directory.CreateDirectory(data);
        if (!Directory.Exists(certificates))
        {
            Directory.CreateDirectory(certificates);
            WritePem(certificates, "client", DateTimeOffset.UtcNow.AddDays(365));
        }

        return new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:Checks:gateway:Url"] = gateway.Health.ToString(),
            ["OpsKit:Health:Checks:data:Path"] = data,
            ["OpsKit:Health:Checks:certificates:Path"] = certificates,
            [Pipeline("Endpoints:0:Url")] = gateway.Address.ToString(),
            [Pipeline("Endpoints:1:Url")] = gateway.Address.ToString(),
        };
    }

    public static string Pipeline(string key) => "OpsKit:Resilience:Pipelines:gateway:" + key;

    public static Task<SampleHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null) =>
        SampleHost.StartAsync(args => HttpGatewayApp.Create(args, configure), settings);

    /// <summary>
    /// Polls the detailed JSON until check <paramref name="name"/> has <paramref name="status"/> (and <paramref name="also"/>),
    /// timed from the fault by <paramref name="clock"/> when the wait is a scenario's timed step.
    /// </summary>
    public static async Task<JsonElement> WaitForCheckAsync(
        SampleHost host, string name, string status, Func<JsonElement, bool>? also = null, FaultClock? clock = null)
    {
        Func<Task<(System.Net.HttpStatusCode Status, JsonElement Json)>> probe = () => host.GetJsonAsync("/health");
        bool Reached((System.Net.HttpStatusCode Status, JsonElement Json) r) =>
            r.Json.ValueKind == JsonValueKind.Object
            && r.Json.GetProperty("checks").TryGetProperty(name, out var check)
            && check.GetProperty("status").GetString() == status
            && (also is null || also(check));
        var because = $"check {name} is {status}";
        var (_, body) = clock is null
            ? await Eventually.Until(probe, Reached, N, because)
            : await clock.UntilAsync(probe, Reached, because);
        return body.GetProperty("checks").GetProperty(name);
    }

    /// <summary>Polls <c>/metrics</c> until the series has a value that satisfies <paramref name="condition"/>; returns it.</summary>
    public static async Task<double> WaitForMetricAsync(SampleHost host, string metric, Func<double, bool> condition, params string[] labels)
    {
        var text = await Eventually.Until(
            host.ScrapeAsync,
            t => SampleHost.MetricValue(t, metric, labels) is { } v && condition(v),
            N,
            $"{metric}{{{string.Join(",", labels)}}} has the expected value");
        return SampleHost.MetricValue(text, metric, labels)!.Value;
    }

    public static X509Certificate2 Certificate(string subject, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(subject);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var notBefore = (notAfter < DateTimeOffset.UtcNow ? notAfter : DateTimeOffset.UtcNow).AddDays(-10);
        using var created = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    public static string WritePem(string directory, string id, DateTimeOffset notAfter)
    {
        using var certificate = Certificate(id, notAfter);
        var path = Path.Combine(directory, id + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
