using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Health;
using OpsKit.Health.Checks.Internal;
using OpsKit.Testing.Shared;

namespace OpsKit.Tests.Checks;

public sealed class HttpDependencyCheckTests
{
    [Fact]
    public async Task Dependency_answering_503_is_Unhealthy_with_category_status()
    {
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/health", () => Results.StatusCode(503)));
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("blockchain-engine", stub.Url("/health")));

        var check = await app.WaitForAsync("blockchain-engine", "Unhealthy");

        Assert.Equal("status", check.Category());
        Assert.Equal(503, check.Data().GetProperty("status_code").GetInt32());
        // A remote dependency degrades readiness by default instead of failing it (docs/probes.md).
        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal((200, "dependency"), (ready.Code, ready.Body.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Dependency_slower_than_the_timeout_is_Unhealthy_with_category_timeout()
    {
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/health", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Ok();
        }));
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("gateway", stub.Url("/health"), o => o.Timeout = TimeSpan.FromSeconds(1)));

        var check = await app.WaitForAsync("gateway", "Unhealthy");

        Assert.Equal("timeout", check.Category());
        Assert.Contains("1000 ms", check.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependency_that_accepts_but_never_answers_is_Unhealthy_with_category_timeout()
    {
        using var listener = new SilentListener();
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("hung", new Uri($"http://127.0.0.1:{listener.Port}/health"), o => o.Timeout = TimeSpan.FromSeconds(1)));

        var check = await app.WaitForAsync("hung", "Unhealthy");

        Assert.Equal("timeout", check.Category());
    }

    [Fact]
    public async Task Closed_port_is_Unhealthy_with_category_connection_refused()
    {
        using var closed = new ClosedPort();
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("backend.apache", closed.Url, critical: false));

        var check = await app.WaitForAsync("backend.apache", "Unhealthy");

        Assert.Equal("connection_refused", check.Category());
        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal(200, ready.Code);
        Assert.Equal("Degraded", ready.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unresolvable_host_is_Unhealthy_with_category_dns()
    {
        var resolver = new FakeResolver();
        await using var app = await CheckApp.StartAsync(
            h => h.AddHttpDependency("gateway", new Uri("http://gateway.invalid:8080/health")),
            services: s => s.AddSingleton<IHostResolver>(resolver));

        var check = await app.WaitForAsync("gateway", "Unhealthy");

        Assert.Equal("dns", check.Category());
        Assert.True(resolver.Lookups > 0);
    }

    [Fact]
    public async Task Https_dependency_with_an_untrusted_certificate_is_Unhealthy_with_category_tls()
    {
        using var certificate = TestCertificates.Create("localhost", DateTimeOffset.UtcNow.AddDays(60));
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/health", () => Results.Ok()), certificate);
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("gateway", new Uri($"https://127.0.0.1:{stub.Port}/health")));

        var check = await app.WaitForAsync("gateway", "Unhealthy");

        Assert.Equal("tls", check.Category());
    }

    [Fact]
    public async Task Json_rule_maps_red_yellow_green_to_the_three_statuses()
    {
        var status = "red";
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/_cluster/health", () => Results.Json(new { cluster = "c1", status })));
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("search", stub.Url("/_cluster/health"), o =>
        {
            o.JsonPath = "$.status";
            o.HealthyValues = ["green"];
            o.DegradedValues = ["yellow"];
        }));

        var red = await app.WaitForAsync("search", "Unhealthy");
        Assert.Equal("red", red.Data().GetProperty("json_value").GetString());
        Assert.Equal("status", red.Category());

        status = "yellow";
        await app.WaitForAsync("search", "Degraded");

        status = "green";
        await app.WaitForAsync("search", "Healthy");
    }

    [Fact]
    public async Task Answer_slower_than_DegradedLatency_is_Degraded()
    {
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/health", async () =>
        {
            await Task.Delay(300);
            return Results.Ok();
        }));
        await using var app = await CheckApp.StartAsync(h => h.AddHttpDependency("gateway", stub.Url("/health"), o => o.DegradedLatency = TimeSpan.FromMilliseconds(100)));

        var check = await app.WaitForAsync("gateway", "Degraded");

        Assert.Equal("threshold", check.Category());
        Assert.True(check.Data().GetProperty("latency_ms").GetDouble() >= 250);
    }

    [Fact]
    public async Task Resilience_handlers_from_client_defaults_do_not_retry_the_check()
    {
        var requests = 0;
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/health", () =>
        {
            Interlocked.Increment(ref requests);
            return Results.StatusCode(503);
        }));
        await using var app = await CheckApp.StartAsync(
            h => h.AddHttpDependency("gateway", stub.Url("/health")),
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:30" },
            s => s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler()));

        var check = await app.WaitForAsync("gateway", "Unhealthy");

        Assert.Equal("status", check.Category());
        Assert.Equal(1, Volatile.Read(ref requests));
    }

    [Fact]
    public async Task Url_user_info_never_appears_in_the_output()
    {
        // Credentials in the URL are now refused at start-up, so the only output is the start-up error.
        using var closed = new ClosedPort();
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            CheckApp.StartAsync(h => h.AddHttpDependency("gateway", new Uri($"http://admin:Hx9-topsecret@127.0.0.1:{closed.Port}/health"))));

        Assert.DoesNotContain("Hx9-topsecret", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:Hx9-topsecret@127.0.0.1/health")]
    [InlineData("https://Hx9-topsecret@127.0.0.1/health")]
    public async Task Credentials_in_a_configured_url_fail_start_up_naming_the_key_not_the_secret(string url)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => CheckApp.StartAsync(
            _ => { },
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Checks:gateway:Type"] = "http",
                ["OpsKit:Health:Checks:gateway:Url"] = url,
            }));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Health:Checks:gateway:Url must not carry credentials", StringComparison.Ordinal));
        Assert.DoesNotContain("Hx9-topsecret", error.ToString(), StringComparison.Ordinal);
    }
}
