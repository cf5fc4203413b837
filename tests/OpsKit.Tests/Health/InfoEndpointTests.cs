using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health.Internal;
using OpsKit.Hosting.Internal;
using OpsKit.Tests.Caching;

namespace OpsKit.Tests.Health;

public sealed partial class InfoEndpointTests : IDisposable
{
    // Values from the redaction tests (SecretsTests, HealthRedactorTests): none may appear in /ops/info.
    private const string DbSecret = "Xq7-secret-9f";
    private const string UriSecret = "Zr4-secret-2k";
    private const string ApiKey = "k3y-Value-7731";

    // A prefix of our own: the variable reaches this test's provider only, never another test's configuration.
    private readonly string _environmentPrefix = "OPSKIT_INFO_TEST_" + Guid.NewGuid().ToString("N") + "_";
    private readonly string _directory = Directory.CreateTempSubdirectory("opskit-info-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_environmentPrefix + "OpsKit__Health__Period", null);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Each_key_names_the_provider_that_set_it_and_an_environment_variable_wins_over_appsettings()
    {
        await using var app = await StartAsync();

        var info = await app.Client.GetJsonAsync("/ops/info", Operators.AsOperator);

        Assert.Equal(200, info.Code);
        var configuration = info.Body.GetProperty("configuration");
        var period = configuration.GetProperty("OpsKit:Health:Period");
        Assert.Equal("environment variables", period.GetProperty("provider").GetString());
        Assert.Equal("00:00:45", period.GetProperty("value").GetString());
        var policy = configuration.GetProperty("OpsKit:Health:DetailsPolicy");
        Assert.Equal("appsettings.Production.json", policy.GetProperty("provider").GetString());
        Assert.Equal(Operators.Policy, policy.GetProperty("value").GetString());
        Assert.Equal("in-memory", configuration.GetProperty("OpsKit:Health:ShutdownDelay").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Connection_strings_are_listed_by_name_and_provider_without_their_value()
    {
        await using var app = await StartAsync();

        var info = await app.Client.GetJsonAsync("/ops/info", Operators.AsOperator);

        var connection = info.Body.GetProperty("configuration").GetProperty("ConnectionStrings:db");
        Assert.Equal("appsettings.Production.json", connection.GetProperty("provider").GetString());
        Assert.False(connection.TryGetProperty("value", out _));
        Assert.DoesNotContain(DbSecret, info.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Username=app", info.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_commit_runtime_environment_and_uptime_are_reported()
    {
        await using var app = await StartAsync();

        var info = await app.Client.GetJsonAsync("/ops/info", Operators.AsOperator);

        var service = info.Body.GetProperty("service");
        var assembly = typeof(InfoEndpointTests).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal("OpsKit.Tests", service.GetProperty("name").GetString());
        Assert.Equal(assembly.GetName().Version!.ToString(), service.GetProperty("version").GetString());
        Assert.Equal(informational, service.GetProperty("informationalVersion").GetString());
        var commit = service.GetProperty("commit").GetString()!;
        Assert.Matches(CommitSha(), commit);
        Assert.EndsWith("+" + commit, informational, StringComparison.Ordinal);
        Assert.Matches(CommitSha(), info.Body.GetProperty("opskit").GetProperty("commit").GetString()!);

        Assert.Equal("Production", info.Body.GetProperty("environment").GetString());
        Assert.Equal(RuntimeInformation.FrameworkDescription, info.Body.GetProperty("runtime").GetProperty("framework").GetString());
        Assert.Equal(RuntimeInformation.OSDescription, info.Body.GetProperty("runtime").GetProperty("os").GetString());
        var process = info.Body.GetProperty("process");
        var started = process.GetProperty("startTime").GetDateTimeOffset();
        var timestamp = info.Body.GetProperty("timestamp").GetDateTimeOffset();
        Assert.True(started <= timestamp, $"the process started ({started:o}) before the answer ({timestamp:o})");
        Assert.Equal((timestamp - started).TotalSeconds, process.GetProperty("uptimeSeconds").GetDouble(), 0.2);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("guest", 403)]
    public async Task Callers_without_the_details_policy_are_refused_in_production(string? role, int expected)
    {
        await using var app = await StartAsync();

        var info = await app.Client.GetJsonAsync("/ops/info", r =>
        {
            if (role is not null)
            {
                r.Headers.Add(TestRoleAuthHandler.Header, role);
            }
        });

        Assert.Equal(expected, info.Code);
        Assert.False(info.Body.TryGetProperty("configuration", out _));
        Assert.Equal("no-store", (await app.Client.GetAsync("/ops/info")).Headers.CacheControl?.ToString());
    }

    [Fact]
    public void Secret_values_are_masked_and_long_values_cut()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpsKit:Custom:ApiKey"] = ApiKey,
            ["OpsKit:Custom:Endpoint"] = $"https://user:{UriSecret}@127.0.0.1/",
            ["OpsKit:Custom:Note"] = $"Host=127.0.0.1;Password={DbSecret}",
            ["OpsKit:Custom:Long"] = new string('a', 1000),
            ["ConnectionStrings:db"] = $"Host=127.0.0.1;Password={DbSecret}",
            ["Other:Password"] = DbSecret,
        }).Build();

        var (entries, truncated) = ConfigurationProvenance.Collect(configuration, new HealthRedactor(configuration));

        Assert.False(truncated);
        Assert.Equal(["ConnectionStrings:db", "OpsKit:Custom:ApiKey", "OpsKit:Custom:Endpoint", "OpsKit:Custom:Long", "OpsKit:Custom:Note"], entries.Select(e => e.Key));
        var shown = JsonSerializer.Serialize(entries);
        Assert.DoesNotContain(ApiKey, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(UriSecret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(DbSecret, shown, StringComparison.Ordinal);
        Assert.Equal(HealthRedactor.Mask, entries.Single(e => e.Key == "OpsKit:Custom:ApiKey").Value);
        Assert.Equal("https://***@127.0.0.1/", entries.Single(e => e.Key == "OpsKit:Custom:Endpoint").Value);
        Assert.Null(entries.Single(e => e.Key == "ConnectionStrings:db").Value);
        Assert.Equal(ConfigurationProvenance.MaxValueLength + 1, entries.Single(e => e.Key == "OpsKit:Custom:Long").Value!.Length);
    }

    [Fact]
    public void At_most_the_bound_of_keys_is_reported_and_the_cut_is_marked()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            Enumerable.Range(0, ConfigurationProvenance.MaxKeys + 10).Select(i => new KeyValuePair<string, string?>($"OpsKit:Custom:Key{i:D4}", "v"))).Build();

        var (entries, truncated) = ConfigurationProvenance.Collect(configuration, new HealthRedactor(configuration));

        Assert.True(truncated);
        Assert.Equal(ConfigurationProvenance.MaxKeys, entries.Count);
    }

    private async Task<TestApp> StartAsync()
    {
        var appsettings = Path.Combine(_directory, "appsettings.Production.json");
        await File.WriteAllTextAsync(appsettings, $$"""
            {
              "OpsKit": { "Health": { "Period": "00:01:00", "DetailsPolicy": "{{Operators.Policy}}" } },
              "ConnectionStrings": { "db": "Host=127.0.0.1;Username=app;Password={{DbSecret}}" }
            }
            """);
        Environment.SetEnvironmentVariable(_environmentPrefix + "OpsKit__Health__Period", "00:00:45");
        return await TestApp.StartAsync(
            b =>
            {
                b.Configuration.AddJsonFile(appsettings, optional: false);
                b.Configuration.AddEnvironmentVariables(_environmentPrefix);
                b.AddTestOperators();
                b.Services.AddOpsHealth();
            },
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsInfo();
            },
            applicationName: typeof(InfoEndpointTests).Assembly.GetName().Name);
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitSha();
}
