using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpsKit.Tests.Caching;

namespace OpsKit.Tests.Health;

public sealed class LogLevelOverrideTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_override_makes_a_real_logger_emit_debug_and_reverts_by_itself_when_it_expires()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        using var actions = Actions(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Npgsql.Command");
        Assert.False(logger.IsEnabled(LogLevel.Debug));

        var set = await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Npgsql", level = "Debug", duration = "00:05:00" });

        Assert.Equal(200, set.Code);
        Assert.Equal("Debug", set.Body.GetProperty("level").GetString());
        Assert.Equal(Start.AddMinutes(5), set.Body.GetProperty("expires").GetDateTimeOffset());
        Assert.True(logger.IsEnabled(LogLevel.Debug));
        logger.LogDebug("query plan");
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Category == "Npgsql.Command" && r.Message == "query plan");
        Assert.False(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Other").IsEnabled(LogLevel.Trace));
        var listed = Assert.Single((await app.Client.GetJsonAsync("/ops/logging", Operators.AsOperator)).Body.GetProperty("overrides").EnumerateArray());
        Assert.Equal(300, listed.GetProperty("remainingSeconds").GetDouble());
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Category == "OpsKit.Internal.OperatorAccess" && r.Message == "Operator action log_level (Npgsql: Debug for 00:05:00) by tester");
        Assert.Equal(1, Sum(actions, "allowed"));

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.True(logger.IsEnabled(LogLevel.Information));
        Assert.Empty((await app.Client.GetJsonAsync("/ops/logging", Operators.AsOperator)).Body.GetProperty("overrides").EnumerateArray());
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Id == 11 && r.Message.Contains("Debug of Npgsql expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_null_level_or_delete_ends_an_override_early_and_the_default_duration_is_ten_minutes()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Npgsql");

        var first = await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Npgsql", level = "Trace" });
        Assert.Equal(Start.AddMinutes(10), first.Body.GetProperty("expires").GetDateTimeOffset());
        Assert.True(logger.IsEnabled(LogLevel.Trace));
        Assert.Equal(200, (await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Npgsql", level = (string?)null })).Code);
        Assert.False(logger.IsEnabled(LogLevel.Debug));

        await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Npgsql", level = "Debug" });
        Assert.Equal(200, (await SendAsync(app, HttpMethod.Delete, "/ops/logging/Npgsql", null)).Code);
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.Equal(404, (await SendAsync(app, HttpMethod.Delete, "/ops/logging/Npgsql", null)).Code);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("guest", 403)]
    public async Task Only_operators_change_levels_an_authenticated_user_without_the_policy_does_not(string? role, int expected)
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        using var actions = Actions(app);
        Action<HttpRequestMessage> caller = r =>
        {
            if (role is not null)
            {
                r.Headers.Add(TestRoleAuthHandler.Header, role);
            }
        };

        var set = await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Npgsql", level = "Debug" }, caller);
        var delete = await SendAsync(app, HttpMethod.Delete, "/ops/logging/Npgsql", null, caller);

        Assert.Equal(expected, set.Code);
        Assert.Equal(expected, delete.Code);
        Assert.Equal(expected, (await app.Client.GetJsonAsync("/ops/logging", caller)).Code);
        Assert.False(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Npgsql").IsEnabled(LogLevel.Debug));
        Assert.Equal(2, Sum(actions, "denied"));
    }

    [Theory]
    [InlineData("""{"category":"Npgsql","level":"Verbose"}""")]
    [InlineData("""{"category":"Npgsql","level":"None"}""")]
    [InlineData("""{"category":"Npgsql","level":"1"}""")]
    [InlineData("""{"category":"Npgsql","level":1}""")]
    [InlineData("""{"level":"Debug"}""")]
    [InlineData("""{"category":"","level":"Debug"}""")]
    [InlineData("""{"category":"Npgsql*","level":"Debug"}""")]
    [InlineData("""{"category":"Npgsql\nforged line","level":"Debug"}""")]
    [InlineData("""{"category":"Npgsql","level":"Debug","duration":"01:00:01"}""")]
    [InlineData("""{"category":"Npgsql","level":"Debug","duration":"-00:01:00"}""")]
    [InlineData("""{"category":"Npgsql","level":"Debug","duration":"ten minutes"}""")]
    [InlineData("""{"category":"Npgsql","level":"Warning"}""")]
    [InlineData("""["Npgsql","Debug"]""")]
    [InlineData("""not json""")]
    public async Task Bad_requests_answer_400_and_change_nothing(string body)
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        var answer = await SendRawAsync(app, body);

        Assert.Equal(400, answer.Code);
        Assert.True(answer.Body.TryGetProperty("error", out _));
        Assert.Empty((await app.Client.GetJsonAsync("/ops/logging", Operators.AsOperator)).Body.GetProperty("overrides").EnumerateArray());
    }

    [Fact]
    public async Task Categories_bodies_and_the_number_of_overrides_are_bounded()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        Assert.Equal(200, (await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = new string('a', 256), level = "Debug" })).Code);
        Assert.Equal(400, (await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = new string('a', 257), level = "Debug" })).Code);
        Assert.Equal(400, (await SendRawAsync(app, $$"""{"category":"Npgsql","level":"Debug","note":"{{new string('x', 5000)}}"}""")).Code);
        for (var i = 1; i < 20; i++)
        {
            Assert.Equal(200, (await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Category" + i, level = "Debug" })).Code);
        }

        Assert.Equal(409, (await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "OneTooMany", level = "Debug" })).Code);
        Assert.Equal(200, (await SendAsync(app, HttpMethod.Post, "/ops/logging", new { category = "Category1", level = "Trace" })).Code); // a replacement
        Assert.Equal(20, (await app.Client.GetJsonAsync("/ops/logging", Operators.AsOperator)).Body.GetProperty("overrides").GetArrayLength());
    }

    [Fact]
    public async Task A_maximum_duration_out_of_range_fails_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth(),
            new Dictionary<string, string?> { ["OpsKit:Logging:MaxOverrideDuration"] = "00:00:00" }));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Logging:MaxOverrideDuration must be greater than zero", StringComparison.Ordinal));
    }

    private static async Task<TestApp> StartAsync(FakeTimeProvider time) => await TestApp.StartAsync(
        b =>
        {
            b.AddTestOperators();
            b.Services.AddSingleton<TimeProvider>(time);
            b.Services.AddOpsHealth();
        },
        new Dictionary<string, string?>
        {
            ["OpsKit:Health:DetailsPolicy"] = Operators.Policy,
            ["Logging:LogLevel:Default"] = "Information",
        },
        map: a =>
        {
            a.MapOpsHealth();
            a.MapOpsLogging();
        });

    private static Task<(int Code, JsonElement Body, string Text)> SendAsync(
        TestApp app, HttpMethod method, string path, object? body, Action<HttpRequestMessage>? caller = null) =>
        SendAsync(app, method, path, body is null ? null : JsonContent.Create(body), caller ?? Operators.AsOperator);

    private static Task<(int Code, JsonElement Body, string Text)> SendRawAsync(TestApp app, string body) =>
        SendAsync(app, HttpMethod.Post, "/ops/logging", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Operators.AsOperator);

    private static async Task<(int Code, JsonElement Body, string Text)> SendAsync(
        TestApp app, HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage> caller)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        caller(request);
        using var response = await app.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body, text);
    }

    private static MetricCollector<long> Actions(TestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.operator.actions");

    private static long Sum(MetricCollector<long> actions, string result) =>
        actions.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["action"], "log_level") && Equals(m.Tags["result"], result))
            .Sum(m => m.Value);
}
