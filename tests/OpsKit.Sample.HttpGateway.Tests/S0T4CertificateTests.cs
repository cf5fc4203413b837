using System.Net;
using System.Text.Json;
using OpsKit.Testing;
using static OpsKit.Sample.HttpGateway.Tests.GatewayHost;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>S0-T4 "Certificate validation failed" / "certificate expired": the sample's certificates check and its gateway client.</summary>
public sealed class S0T4CertificateTests
{
    [Fact]
    public async Task S0_T4_expired_and_expiring_certificates_drive_the_certificates_check_as_files_change()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        var certificates = Path.Combine(root.Path, "certificates");
        Directory.CreateDirectory(certificates);
        var now = DateTimeOffset.UtcNow;
        WritePem(certificates, "ok", now.AddDays(60));
        var soon = WritePem(certificates, "soon", now.AddDays(3));
        var expired = WritePem(certificates, "expired", now.AddDays(-1));
        await using var host = await StartAsync(Settings(gateway, root.Path));

        var check = await WaitForCheckAsync(host, "certificates", "Unhealthy");
        var days = Days(check);
        Assert.InRange(days["ok"], 59.9, 60);
        Assert.InRange(days["soon"], 2.9, 3);
        Assert.InRange(days["expired"], -1.01, -0.99);
        var expiry = await WaitForMetricAsync(host, "opskit_certificate_expiry_seconds", _ => true, "certificate=\"soon\"");
        Assert.InRange(expiry, 259_200 - 120, 259_200 + 120);

        File.Delete(expired);
        await WaitForCheckAsync(host, "certificates", "Degraded", c => !Days(c).ContainsKey("expired"));

        File.Delete(soon);
        var healthy = await WaitForCheckAsync(host, "certificates", "Healthy", c => !Days(c).ContainsKey("soon"));
        Assert.Empty(healthy.GetProperty("data").GetProperty("expiring_soon").EnumerateArray());

        WritePem(certificates, "later", now.AddDays(20));
        var listed = await WaitForCheckAsync(host, "certificates", "Healthy", c => Days(c).ContainsKey("later"));
        Assert.Equal(["later"], listed.GetProperty("data").GetProperty("expiring_soon").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task S0_T4_gateway_call_to_a_server_with_an_expired_certificate_fails_and_is_counted_as_expired()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        using var certificate = Certificate("127.0.0.1", DateTimeOffset.UtcNow.AddDays(-1));
        await using var expiredGateway = await GatewayStub.StartAsync(certificate);
        using var closed = new ClosedPort();
        var settings = Settings(gateway, root.Path);
        settings[Pipeline("Endpoints:0:Url")] = expiredGateway.Address.ToString();
        settings[Pipeline("Endpoints:1:Url")] = closed.Url.ToString();
        settings[Pipeline("Retry:Enabled")] = "false";
        await using var host = await StartAsync(settings);
        var before = SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_security_events_total", "type=\"certificate_validation_failed\"", "reason=\"expired\"") ?? 0;

        var status = await host.GetStatusAsync("/api/quotes/9");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal(0, expiredGateway.QuoteRequests);
        // Polled: the Prometheus exporter may answer a scrape right after another from its short response cache.
        await WaitForMetricAsync(host, "opskit_security_events_total", v => v == before + 1, "type=\"certificate_validation_failed\"", "reason=\"expired\"");
    }

    private static Dictionary<string, double> Days(JsonElement check) =>
        check.GetProperty("data").GetProperty("certificates").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("days_remaining").GetDouble());
}
