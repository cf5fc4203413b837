using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Testing.Shared;

namespace OpsKit.Tests.Checks;

public sealed class RemoteCertificateCheckTests
{
    [Fact]
    public async Task Endpoint_serving_a_certificate_with_3_days_left_is_Degraded_and_gauged()
    {
        using var certificate = TestCertificates.Create("localhost", DateTimeOffset.UtcNow.AddDays(3));
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        await using var app = await CheckApp.StartAsync(h => h.AddRemoteCertificate("gateway-tls", "127.0.0.1", stub.Port));

        var check = await app.WaitForAsync("gateway-tls", "Degraded");

        Assert.InRange(CertificateCheckTests.Days(check)[$"127.0.0.1:{stub.Port}"], 2.9, 3);
        using var gauge = new MetricCollector<double>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.certificate.expiry");
        gauge.RecordObservableInstruments();
        Assert.InRange(Assert.Single(gauge.GetMeasurementSnapshot()).Value, 259_200 - 120, 259_200 + 120);
    }

    [Fact]
    public async Task Endpoint_serving_an_expired_certificate_is_Unhealthy()
    {
        using var certificate = TestCertificates.Create("localhost", DateTimeOffset.UtcNow.AddDays(-1));
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        await using var app = await CheckApp.StartAsync(h => h.AddRemoteCertificate("gateway-tls", "127.0.0.1", stub.Port));

        var check = await app.WaitForAsync("gateway-tls", "Unhealthy");

        Assert.Equal("threshold", check.Category());
        Assert.InRange(CertificateCheckTests.Days(check)[$"127.0.0.1:{stub.Port}"], -1.01, -0.99);
    }

    [Fact]
    public async Task Endpoint_with_a_certificate_for_60_days_is_Healthy()
    {
        using var certificate = TestCertificates.Create("localhost", DateTimeOffset.UtcNow.AddDays(60));
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        await using var app = await CheckApp.StartAsync(h => h.AddRemoteCertificate("gateway-tls", "localhost", stub.Port), services: s => s.AddSingleton<OpsKit.Health.IHostResolver>(new FakeResolver()));

        var check = await app.WaitForAsync("gateway-tls", "Healthy");

        Assert.Empty(check.Data().GetProperty("expiring_soon").EnumerateArray());
    }
}
