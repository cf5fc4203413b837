using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using OpsKit.Health;
using OpsKit.Tests.Caching;

namespace OpsKit.Tests.Health;

public sealed class OperatorActionTests
{
    [Fact]
    public async Task A_storm_of_refreshes_runs_a_check_once_and_answers_429_with_retry_after_until_the_interval_passed()
    {
        var check = new ControlledCheck();
        var other = new ControlledCheck();
        await using var app = await StartAsync(b => b.Services.AddOpsHealth().AddCheck("db", check.RunAsync).AddCheck("cache", other.RunAsync));
        using var actions = Actions(app);
        var runsBefore = check.Runs;

        var storm = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RefreshAsync(app, "db")));

        Assert.Equal(1, storm.Count(r => r.Code == 200));
        Assert.Equal(49, storm.Count(r => r.Code == 429));
        Assert.All(storm.Where(r => r.Code == 429), r => Assert.InRange(r.RetryAfter ?? 0, 1, 5));
        Assert.Equal(runsBefore + 1, check.Runs);
        Assert.Equal(200, (await RefreshAsync(app, "cache")).Code); // the limit is per check
        Assert.Equal(49, Sum(actions, "refresh", "rate_limited"));
        Assert.Equal(2, Sum(actions, "refresh", "allowed"));

        await Eventually.Until(() => RefreshAsync(app, "db"), r => r.Code == 200, TimeSpan.FromSeconds(15), "a forced run is allowed again after 5 s");
        Assert.Equal(runsBefore + 2, check.Runs);
    }

    [Fact]
    public async Task Every_state_change_logs_the_callers_name_with_control_characters_escaped_and_is_counted()
    {
        await using var app = await StartAsync(b => b.Services.AddOpsHealth().AddCheck("db", new ControlledCheck().RunAsync));
        using var actions = Actions(app);

        var on = await app.Client.PostAsync("/health/maintenance?enabled=true", r =>
        {
            Operators.AsOperator(r);
            r.Headers.Add(TestRoleAuthHandler.NameHeader, Uri.EscapeDataString("mallory\ninfo: Maintenance mode ended (file)\u001b[0m"));
        });
        var denied = await app.Client.PostAsync("/health/maintenance?enabled=false");

        Assert.Equal(200, on.Code);
        Assert.Equal(401, denied.Code);
        var logged = app.Logs.GetSnapshot().Where(r => r.Category == "OpsKit.Internal.OperatorAccess").ToList();
        var change = Assert.Single(logged, r => r.Level == LogLevel.Warning);
        Assert.Equal(@"Operator action maintenance (on) by mallory\u000ainfo: Maintenance mode ended (file)\u001b[0m", change.Message);
        Assert.DoesNotContain('\n', change.Message);
        Assert.Contains(logged, r => r.Level == LogLevel.Debug && r.Message == "Operator action maintenance (false) denied to 127.0.0.1");
        Assert.Equal(1, Sum(actions, "maintenance", "allowed"));
        Assert.Equal(1, Sum(actions, "maintenance", "denied"));
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task Without_a_policy_outside_development_state_changes_are_off_and_a_warning_names_the_setting()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.AddTestOperators();
                b.Services.AddOpsHealth().AddCheck("db", new ControlledCheck().RunAsync);
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" });

        Assert.Equal(401, (await app.Client.PostAsync("/health/maintenance")).Code);
        Assert.Equal(403, (await app.Client.PostAsync("/health/maintenance", Operators.AsOperator)).Code);
        var warning = Assert.Single(app.Logs.GetSnapshot(), r => r.Category == "OpsKit.Internal.OperatorAccess" && r.Level == LogLevel.Warning);
        Assert.Contains("OpsKit:Health:DetailsPolicy", warning.Message, StringComparison.Ordinal);
        Assert.Contains("POST /health/maintenance", warning.Message, StringComparison.Ordinal);
    }

    private static async Task<TestApp> StartAsync(Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder> configure)
    {
        var app = await TestApp.StartAsync(
            b =>
            {
                b.AddTestOperators();
                configure(b);
            },
            new Dictionary<string, string?> { ["OpsKit:Health:DetailsPolicy"] = Operators.Policy, ["OpsKit:Health:Period"] = "00:01:00" });
        try
        {
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<(int Code, int? RetryAfter)> RefreshAsync(TestApp app, string check)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/health?refresh=" + check);
        Operators.AsOperator(request);
        using var response = await app.Client.SendAsync(request);
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : (int?)null;
        return ((int)response.StatusCode, retryAfter);
    }

    private static MetricCollector<long> Actions(TestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.operator.actions");

    private static long Sum(MetricCollector<long> actions, string action, string result) =>
        actions.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["action"], action) && Equals(m.Tags["result"], result))
            .Sum(m => m.Value);
}
