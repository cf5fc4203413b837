using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class HealthGroupTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private static Dictionary<string, string?> Config(params (string Key, string? Value)[] extra)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:00.200",
            ["OpsKit:Health:Details"] = "Always",
            ["OpsKit:Health:Groups:db:Path"] = "/health/db",
            ["OpsKit:Health:Groups:db:Tags:0"] = "db",
        };
        foreach (var (key, value) in extra)
        {
            configuration[key] = value;
        }

        return configuration;
    }

    private static Func<CancellationToken, Task<HealthCheckResult>> Reports(HealthStatus status) =>
        _ => Task.FromResult(new HealthCheckResult(status, status.ToString()));

    private static Task<(int Code, JsonElement Body, string Text)> FirstAnswerAsync(TestApp app, string path) =>
        Eventually.Until(() => app.Client.GetJsonAsync(path), r => !r.Text.Contains("starting", StringComparison.Ordinal), Within, "the first snapshot");

    [Theory]
    [InlineData(HealthStatus.Healthy, true, HealthStatus.Unhealthy, 200, "Healthy", 503)]
    [InlineData(HealthStatus.Unhealthy, true, HealthStatus.Healthy, 503, "Unhealthy", 503)]
    [InlineData(HealthStatus.Unhealthy, false, HealthStatus.Healthy, 200, "Degraded", 200)]
    [InlineData(HealthStatus.Degraded, true, HealthStatus.Healthy, 200, "Degraded", 200)]
    public async Task A_group_follows_the_readiness_rules_over_its_own_checks_only(
        HealthStatus database, bool databaseIsCritical, HealthStatus other, int groupCode, string groupStatus, int readyCode)
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("database", Reports(database), critical: databaseIsCritical, tags: ["db"])
                .AddCheck("replica", Reports(HealthStatus.Healthy), tags: ["db"])
                .AddCheck("other", Reports(other)),
            Config(("OpsKit:Health:Groups:db:Details", "Never")));

        var group = await FirstAnswerAsync(app, "/health/db");
        Assert.Equal(groupCode, group.Code);
        Assert.Equal($$"""{"status":"{{groupStatus}}"}""", group.Text);
        Assert.Equal(readyCode, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task Callers_allowed_details_see_the_detailed_json_of_the_groups_checks_alone()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("database", Reports(HealthStatus.Unhealthy), tags: ["db"])
                .AddCheck("other", Reports(HealthStatus.Healthy)),
            Config());

        var group = await FirstAnswerAsync(app, "/health/db");

        Assert.Equal(503, group.Code);
        Assert.Equal("Unhealthy", group.Body.GetProperty("status").GetString());
        var checks = group.Body.GetProperty("checks");
        Assert.Equal(["database"], checks.EnumerateObject().Select(c => c.Name));
        Assert.Equal(["ready"], checks.GetProperty("database").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(group.Body.TryGetProperty("groups", out _));
    }

    [Fact]
    public async Task A_groups_own_details_setting_replaces_the_engines()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("database", Reports(HealthStatus.Healthy), tags: ["db"]),
            Config(("OpsKit:Health:Groups:db:Details", "Never")));

        var group = await FirstAnswerAsync(app, "/health/db");

        Assert.Equal(200, group.Code);
        Assert.Equal("""{"status":"Healthy"}""", group.Text);
        Assert.True((await app.Client.GetJsonAsync("/health")).Body.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task Health_details_list_every_group_with_its_status_path_and_checks()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("database", Reports(HealthStatus.Unhealthy), critical: false, tags: ["db"])
                .AddCheck("gateway", Reports(HealthStatus.Healthy), tags: ["external", "db"])
                .AddCheck("other", Reports(HealthStatus.Healthy)),
            Config(("OpsKit:Health:Groups:external:Path", "/health/external"), ("OpsKit:Health:Groups:external:Tags:0", "external")));

        var details = await FirstAnswerAsync(app, "/health");

        var groups = details.Body.GetProperty("groups");
        Assert.Equal(["db", "external"], groups.EnumerateObject().Select(g => g.Name));
        Assert.Equal("Degraded", groups.GetProperty("db").GetProperty("status").GetString());
        Assert.Equal("/health/db", groups.GetProperty("db").GetProperty("path").GetString());
        Assert.Equal(["database", "gateway"], groups.GetProperty("db").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Healthy", groups.GetProperty("external").GetProperty("status").GetString());
        Assert.Equal(["gateway"], groups.GetProperty("external").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Refused_traffic_fails_every_group_with_its_reason_and_ending_it_restores_them()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("database", Reports(HealthStatus.Healthy), tags: ["db"]),
            Config(("OpsKit:Health:Groups:db:Details", "Never")));
        await FirstAnswerAsync(app, "/health/db");
        var availability = app.Services.GetRequiredService<IOpsAvailability>();

        availability.RefuseTraffic("draining");
        var refused = await app.Client.GetJsonAsync("/health/db");
        Assert.Equal(503, refused.Code);
        Assert.Equal("""{"status":"Unhealthy","reason":"draining"}""", refused.Text);
        var listed = (await app.Client.GetJsonAsync("/health")).Body.GetProperty("groups").GetProperty("db");
        Assert.Equal("draining", listed.GetProperty("reason").GetString());

        availability.AcceptTraffic();
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/db")).Code);
    }

    [Fact]
    public async Task A_group_answers_starting_until_each_of_its_checks_has_a_result()
    {
        using var release = new SemaphoreSlim(0);
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("database", async ct =>
            {
                await release.WaitAsync(ct);
                return HealthCheckResult.Healthy();
            }, tags: ["db"]),
            Config(("OpsKit:Health:Groups:db:Details", "Never"), ("OpsKit:Health:Period", "00:00:01"), ("OpsKit:Health:Timeout", "00:00:05")));

        var starting = await app.Client.GetJsonAsync("/health/db");
        Assert.Equal(503, starting.Code);
        Assert.Equal("""{"status":"Unhealthy","reason":"starting"}""", starting.Text);

        release.Release(100);
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/db"), r => r.Code == 200, Within, "the group passes once its check has run");
    }

    [Fact]
    public async Task A_check_given_a_group_tag_in_configuration_joins_the_group_and_keeps_its_probes()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("database", Reports(HealthStatus.Unhealthy)),
            Config(("OpsKit:Health:Checks:database:Tags:0", "db"), ("OpsKit:Health:Groups:db:Details", "Never")));

        var group = await FirstAnswerAsync(app, "/health/db");

        Assert.Equal(503, group.Code);
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
        var check = (await app.Client.GetJsonAsync("/health")).Body.GetProperty("checks").GetProperty("database");
        Assert.Equal(["ready"], check.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_group_declared_in_code_is_served_and_configuration_overrides_its_keys()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth(o => o.Groups["lb"] = new OpsHealthGroupOptions { Path = "/lb", Tags = ["edge"], Details = HealthDetailsExposure.Never })
                .AddCheck("gateway", Reports(HealthStatus.Degraded), tags: ["edge"]),
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00.200", ["OpsKit:Health:Groups:lb:Path"] = "/health/lb" });

        var group = await FirstAnswerAsync(app, "/health/lb");

        Assert.Equal(200, group.Code);
        Assert.Equal("""{"status":"Degraded"}""", group.Text);
        Assert.Equal(404, (await app.Client.GetJsonAsync("/lb")).Code);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpsHealthOptions>>().Value;
        Assert.Equal(["edge"], options.Groups["lb"].Tags);
        Assert.Equal(HealthDetailsExposure.Never, options.Groups["lb"].Details);
    }
}
