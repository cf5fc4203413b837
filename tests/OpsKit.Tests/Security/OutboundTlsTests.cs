using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace OpsKit.Tests.Security;

public sealed class OutboundTlsTests
{
    [Fact]
    public async Task S0_T4_outbound_call_to_a_server_with_an_expired_certificate_is_counted_as_expired()
    {
        using var certificate = Certificate(notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        await using var stub = await HttpsStubAsync(certificate);
        await using var app = await TestApp.StartAsync(builder =>
        {
            builder.Services.AddOpsSecuritySignals();
            builder.Services.AddHttpClient("gateway").AddOpsSecuritySignals();
        }, map: NoEndpoints);
        using var events = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.security.events");
        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("gateway");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(stub.Url));

        Assert.Equal(1, SecurityTestHost.Sum(events, ("type", "certificate_validation_failed"), ("reason", "expired")));
    }

    [Fact]
    public async Task Resilient_http_client_counts_outbound_tls_failures_without_the_extra_call()
    {
        using var certificate = Certificate(notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        await using var stub = await HttpsStubAsync(certificate);
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddOpsSecuritySignals();
                builder.Services.AddHttpClient("gateway").AddOpsResilience("gateway", o =>
                {
                    o.Retry.Enabled = false;
                    o.Endpoints.Add(new OpsKit.Resilience.OpsResilienceEndpointOptions { Name = "primary", Url = stub.Url });
                });
            },
            map: NoEndpoints);
        using var events = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.security.events");
        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("gateway");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(stub.Url));

        Assert.Equal(1, SecurityTestHost.Sum(events, ("type", "certificate_validation_failed"), ("reason", "expired")));
    }

    private static void NoEndpoints(WebApplication app) => app.MapGet("/", () => "ok");

    private static X509Certificate2 Certificate(DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(notAfter.AddDays(-30), notAfter);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    private static async Task<HttpsStub> HttpsStubAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/", () => "stub");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HttpsStub(app, new Uri(address));
    }

    private sealed class HttpsStub(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
