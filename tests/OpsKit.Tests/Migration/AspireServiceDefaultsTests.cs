using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace OpsKit.Tests.Migration;

/// <summary>A service built on the migrated ServiceDefaults (<see cref="ServiceDefaultsExtensions"/>), in each environment.</summary>
public sealed class AspireServiceDefaultsTests
{
    private static readonly Dictionary<string, string?> Config = new()
    {
        // So that the anonymous test client sees details in Production too (the default there is Authorized).
        ["OpsKit:Health:Details"] = "Always",
    };

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task MapDefaultEndpoints_maps_OpsKits_endpoints_in_every_environment_and_shows_the_templates_self_check(string environment)
    {
        await using var app = await StartAsync(environment);

        var details = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
        var self = details.Body.GetProperty("checks").GetProperty("self");
        Assert.Equal("Healthy", self.GetProperty("status").GetString());
        Assert.Equal(["live"], self.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        foreach (var probe in new[] { "/health/live", "/alive", "/health/ready", "/health/startup" })
        {
            var answer = await Eventually.Until(() => app.Client.GetJsonAsync(probe), r => r.Code == 200, TimeSpan.FromSeconds(5), probe);
            Assert.Equal("Healthy", answer.Body.GetProperty("status").GetString());
        }

        using var metrics = await app.Client.GetAsync("/metrics");
        Assert.Equal(200, (int)metrics.StatusCode);
    }

    [Fact]
    public async Task Every_health_path_is_mapped_once()
    {
        await using var app = await StartAsync("Production");

        var routes = ((IEndpointRouteBuilder)app.App).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();

        Assert.Empty(routes.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Single(routes, r => r == "GET /health");
        Assert.Single(routes, r => r == "GET /alive");
    }

    [Fact]
    public async Task A_template_mapping_kept_next_to_OpsKits_answers_every_method_OpsKit_does_not_map()
    {
        await using var app = await StartAsync("Production", a =>
        {
            a.MapDefaultEndpoints();
            a.MapHealthChecks("/health");
        });

        var get = await app.Client.GetJsonAsync("/health");
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));

        Assert.True(get.Body.TryGetProperty("checks", out _), get.Text);
        // HEAD reaches the template's endpoint: every check run on each request, outside OpsKit's snapshot.
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("text/plain", head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_OpsKit_client_loses_the_defaults_standard_handler_and_other_clients_keep_it()
    {
        await using var app = await StartAsync("Production");
        var handlers = app.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.DoesNotContain(Chain(handlers.CreateHandler("catalog")), h => h is ResilienceHandler);
        Assert.Contains(Chain(handlers.CreateHandler("plain")), h => h is ResilienceHandler);
    }

    private static Task<TestApp> StartAsync(string environment, Action<WebApplication>? map = null) => TestApp.StartAsync(
        b =>
        {
            b.AddServiceDefaults();
            b.Services.AddHttpClient("catalog").AddOpsResilience("catalog", o => o.Endpoints.Add(new() { Url = new Uri("http://127.0.0.1:9/") }));
            b.Services.AddHttpClient("plain");
        },
        Config,
        environment,
        map: map ?? (app => app.MapDefaultEndpoints()));

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler? handler)
    {
        for (; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            yield return handler;
        }
    }
}
