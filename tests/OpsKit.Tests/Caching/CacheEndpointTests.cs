using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Tests.Caching;

public sealed class CacheEndpointTests
{
    private static readonly Action<HttpRequestMessage> AsOps = r => r.Headers.Add(TestRoleAuthHandler.Header, "ops");

    [Fact]
    public async Task Two_requests_for_one_artefact_show_one_hit_and_one_miss_in_stats_and_metrics()
    {
        await using var app = await StartAsync();
        using var requests = new CacheMetricsReader(app.Services, "opskit.cache.requests");

        Assert.Equal("artefact-42", await app.Client.GetStringAsync(new Uri("/artefacts/42", UriKind.Relative)));
        Assert.Equal("artefact-42", await app.Client.GetStringAsync(new Uri("/artefacts/42", UriKind.Relative)));

        var stats = await app.Client.GetJsonAsync("/ops/caches", AsOps);
        Assert.Equal(200, stats.Code);
        var artefacts = stats.Body.GetProperty("caches").GetProperty("artefacts");
        Assert.Equal(1, artefacts.GetProperty("hits").GetInt64());
        Assert.Equal(1, artefacts.GetProperty("misses").GetInt64());
        Assert.Equal(0.5, artefacts.GetProperty("hit_ratio").GetDouble());
        Assert.Equal(1, artefacts.GetProperty("entries").GetInt64());
        Assert.Equal(100, artefacts.GetProperty("capacity").GetInt64());
        Assert.Equal(1, requests.Read("artefacts", "result", "hit"));
        Assert.Equal(1, requests.Read("artefacts", "result", "miss"));
    }

    [Fact]
    public async Task Stats_list_every_cache_with_evictions_by_reason()
    {
        await using var app = await StartAsync();

        var stats = await app.Client.GetJsonAsync("/ops/caches", AsOps);

        var caches = stats.Body.GetProperty("caches");
        Assert.Equal(["artefacts", "sessions"], caches.EnumerateObject().Select(p => p.Name));
        var evictions = caches.GetProperty("sessions").GetProperty("evictions");
        Assert.Equal(["capacity", "expired", "removed", "replaced"], evictions.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, caches.GetProperty("sessions").GetProperty("hit_ratio").GetDouble());
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_stats()
    {
        await using var app = await StartAsync();

        var stats = await app.Client.GetJsonAsync("/ops/caches");

        Assert.Equal(401, stats.Code);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_clear_a_cache()
    {
        await using var app = await StartAsync();
        await app.Client.GetStringAsync(new Uri("/artefacts/1", UriKind.Relative));

        var clear = await app.Client.PostAsync("/ops/caches/artefacts/clear");

        Assert.Equal(401, clear.Code);
        Assert.True(Cache(app, "artefacts").TryGetValue("1", out _));
    }

    [Fact]
    public async Task Callers_without_the_configured_policy_are_forbidden()
    {
        await using var app = await StartAsync();

        var stats = await app.Client.GetJsonAsync("/ops/caches", r => r.Headers.Add(TestRoleAuthHandler.Header, "guest"));

        Assert.Equal(403, stats.Code);
    }

    [Fact]
    public async Task Without_a_configured_policy_any_authenticated_caller_is_allowed_and_anonymous_refused()
    {
        await using var app = await StartAsync(policy: null);

        Assert.Equal(401, (await app.Client.GetJsonAsync("/ops/caches")).Code);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/ops/caches", r => r.Headers.Add(TestRoleAuthHandler.Header, "guest"))).Code);
    }

    [Fact]
    public async Task Clear_empties_only_the_named_cache()
    {
        await using var app = await StartAsync();
        await app.Client.GetStringAsync(new Uri("/artefacts/1", UriKind.Relative));
        await app.Client.GetStringAsync(new Uri("/artefacts/2", UriKind.Relative));
        Cache(app, "sessions").Set("s1", "alice");

        var clear = await app.Client.PostAsync("/ops/caches/artefacts/clear", AsOps);

        Assert.Equal(200, clear.Code);
        Assert.Equal("""{"cache":"artefacts","cleared":2}""", clear.Text);
        Assert.False(Cache(app, "artefacts").TryGetValue("1", out _));
        Assert.True(Cache(app, "sessions").TryGetValue("s1", out _));
        var stats = await Eventually.Until(
            () => app.Client.GetJsonAsync("/ops/caches", AsOps),
            s => s.Body.GetProperty("caches").GetProperty("artefacts").GetProperty("evictions").GetProperty("removed").GetInt64() == 2,
            TimeSpan.FromSeconds(10),
            "the cleared entries count as removed");
        Assert.Equal(0, stats.Body.GetProperty("caches").GetProperty("artefacts").GetProperty("entries").GetInt64());
        Assert.Equal(1, stats.Body.GetProperty("caches").GetProperty("sessions").GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task Clearing_an_unknown_cache_is_not_found()
    {
        await using var app = await StartAsync();

        var clear = await app.Client.PostAsync("/ops/caches/nope/clear", AsOps);

        Assert.Equal(404, clear.Code);
    }

    [Fact]
    public async Task The_returned_group_takes_extra_authorization()
    {
        await using var app = await StartAsync(policy: null, map: a => a.MapOpsCaches().RequireAuthorization("ops"));

        Assert.Equal(403, (await app.Client.GetJsonAsync("/ops/caches", r => r.Headers.Add(TestRoleAuthHandler.Header, "guest"))).Code);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/ops/caches", AsOps)).Code);
    }

    private static IMemoryCache Cache(TestApp app, string name) => app.Services.GetRequiredKeyedService<IMemoryCache>(name);

    private static Task<TestApp> StartAsync(string? policy = "ops", Action<WebApplication>? map = null)
    {
        var config = new Dictionary<string, string?>();
        if (policy is not null)
        {
            config["OpsKit:Caching:Policy"] = policy;
        }

        return TestApp.StartAsync(
            b =>
            {
                b.Services.AddAuthentication(TestRoleAuthHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestRoleAuthHandler>(TestRoleAuthHandler.SchemeName, null);
                b.Services.AddAuthorization(o => o.AddPolicy("ops", p => p.RequireRole("ops")));
                b.Services.AddOpsMemoryCache("artefacts", o => o.SizeLimit = 100);
                b.Services.AddOpsMemoryCache("sessions", o => o.SizeLimit = 10);
            },
            config,
            map: a =>
            {
                a.MapGet("/artefacts/{id}", (string id, [FromKeyedServices("artefacts")] IMemoryCache cache) =>
                    cache.GetOrCreate(id, _ => "artefact-" + id));
                if (map is null)
                {
                    a.MapOpsCaches();
                }
                else
                {
                    map(a);
                }
            });
    }
}
