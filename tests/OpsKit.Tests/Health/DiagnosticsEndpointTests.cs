using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpsKit.Health;
using OpsKit.Health.Internal;
using OpsKit.Hosting;
using OpsKit.Tests.Caching;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OpsKit.Tests.Health;

public sealed class DiagnosticsEndpointTests(ITestOutputHelper output)
{
    private static readonly string CorpusConnectionString =
        $"Host=127.0.0.1;Port=1;Username={RedactionCorpus.UserName};Password={RedactionCorpus.Password};SSL Password={RedactionCorpus.SslPassword}";

    [Fact]
    public async Task Operators_get_health_transitions_runtime_figures_configuration_and_the_registered_sections()
    {
        await using var app = await StartAsync(b => b.Services.AddOpsMemoryCache("artefacts", o => o.SizeLimit = 100));

        var bundle = await app.Client.GetJsonAsync("/ops/diagnostics", Operators.AsOperator);

        Assert.Equal(200, bundle.Code);
        var body = bundle.Body;
        Assert.Equal("Healthy", body.GetProperty("health").GetProperty("checks").GetProperty("db").GetProperty("status").GetString());
        var transition = Assert.Single(body.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("check").GetString() == "db");
        Assert.Equal("Pending", transition.GetProperty("from").GetString());
        Assert.Equal("Healthy", transition.GetProperty("to").GetString());
        Assert.True(body.GetProperty("threadPool").GetProperty("threads").GetInt32() > 0);
        Assert.True(body.GetProperty("threadPool").GetProperty("completedWorkItems").GetInt64() > 0);
        Assert.True(body.GetProperty("gc").GetProperty("heapSizeBytes").GetInt64() > 0);
        Assert.True(body.GetProperty("gc").TryGetProperty("pauseTimePercentage", out _));
        Assert.True(body.GetProperty("process").GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(body.GetProperty("process").GetProperty("threads").GetInt32() > 0);
        Assert.True(body.GetProperty("process").GetProperty("handles").GetInt32() > 0);
        Assert.Equal("in-memory", body.GetProperty("configuration").GetProperty("OpsKit:Health:DetailsPolicy").GetProperty("provider").GetString());
        Assert.Equal(0, body.GetProperty("caches").GetProperty("artefacts").GetProperty("entries").GetInt64());
        Assert.False(body.TryGetProperty("truncated", out _));
        Assert.Equal(DiagnosticsEndpointHandler.MaxBytes, body.GetProperty("maxBytes").GetInt32());
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("guest", 403)]
    public async Task An_authenticated_user_without_the_operator_policy_is_refused(string? role, int expected)
    {
        await using var app = await StartAsync(_ => { }, details: "Always");

        var bundle = await app.Client.GetJsonAsync("/ops/diagnostics", r =>
        {
            if (role is not null)
            {
                r.Headers.Add(TestRoleAuthHandler.Header, role);
            }
        });

        Assert.Equal(expected, bundle.Code);
        Assert.False(bundle.Body.TryGetProperty("health", out _));
    }

    [Fact]
    public async Task No_fragment_of_the_redaction_corpus_reaches_the_bundle()
    {
        await using var app = await StartAsync(
            // A check that puts a configured secret into its result; the redactor masks configured secret values.
            b => b.Services.AddOpsHealth().AddCheck("leaky", _ => Task.FromResult(HealthCheckResult.Unhealthy(
                "login refused with " + RedactionCorpus.Password, new InvalidOperationException("key file locked by " + RedactionCorpus.SslPassword)))),
            extra: new() { ["ConnectionStrings:orders"] = CorpusConnectionString });
        await Eventually.Until(
            () => app.Client.GetJsonAsync("/ops/diagnostics", Operators.AsOperator),
            r => r.Body.GetProperty("health").GetProperty("checks").GetProperty("leaky").GetProperty("status").GetString() == "Unhealthy",
            TimeSpan.FromSeconds(10),
            "the failing check in the bundle");

        var bundle = await app.Client.GetJsonAsync("/ops/diagnostics", Operators.AsOperator);

        RedactionCorpus.AssertAbsent(bundle.Text, "/ops/diagnostics");
        Assert.Equal("in-memory", bundle.Body.GetProperty("configuration").GetProperty("ConnectionStrings:orders").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task A_section_that_does_not_fit_is_left_out_and_named_and_the_bundle_stays_within_its_cap()
    {
        await using var app = await StartAsync(b =>
        {
            b.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOpsDiagnosticsSection, HugeSection>());
            b.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOpsDiagnosticsSection, FailingSection>());
        });

        var bundle = await app.Client.GetJsonAsync("/ops/diagnostics", Operators.AsOperator);
        var small = app.Services.GetRequiredService<DiagnosticsEndpointHandler>().Build(8 * 1024);

        Assert.Equal(200, bundle.Code);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(bundle.Text), 1, DiagnosticsEndpointHandler.MaxBytes);
        Assert.True(bundle.Body.GetProperty("truncated").GetBoolean());
        Assert.Equal(["huge"], bundle.Body.GetProperty("omitted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("NotSupportedException", bundle.Body.GetProperty("failing").GetProperty("error").GetString());
        Assert.DoesNotContain("secret detail", bundle.Text, StringComparison.Ordinal);
        Assert.True(bundle.Body.TryGetProperty("health", out _));

        Assert.InRange(small.Length, 1, 8 * 1024);
        using var parsed = JsonDocument.Parse(small);
        Assert.Contains("huge", parsed.RootElement.GetProperty("omitted").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task With_postgresql_and_redis_the_bundle_shows_the_pool_and_the_connection_and_no_secret()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        await postgres.ExecuteAdminAsync(
            $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RedactionCorpus.UserName}') THEN " +
            $"CREATE ROLE {RedactionCorpus.UserName} LOGIN PASSWORD '{RedactionCorpus.Password}'; END IF; END $$");
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = postgres.Host,
            Port = postgres.Port,
            Database = postgres.AppDatabase,
            Username = RedactionCorpus.UserName,
            Password = RedactionCorpus.Password,
            SslPassword = RedactionCorpus.SslPassword,
            SslMode = SslMode.Disable,
        }.ConnectionString;
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration());
        await using var app = await StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                b.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);
                b.Services.AddOpsHealth().AddNpgsql().AddRedis();
            },
            extra: new()
            {
                ["ConnectionStrings:postgres"] = connectionString,
                ["ConnectionStrings:redis"] = $"{redis.ConnectionString},password={RedactionCorpus.Password}",
            });

        var bundle = await Eventually.Until(
            () => app.Client.GetJsonAsync("/ops/diagnostics", Operators.AsOperator),
            r => r.Code == 200 && new[] { "postgres", "postgres.pool", "redis" }.All(
                c => r.Body.GetProperty("health").GetProperty("checks").GetProperty(c).GetProperty("status").GetString() == "Healthy"),
            TimeSpan.FromSeconds(20),
            "the PostgreSQL, pool and Redis checks Healthy in the bundle");

        var pool = bundle.Body.GetProperty("postgres").GetProperty("postgres").GetProperty("pool");
        Assert.True(pool.GetProperty("found").GetBoolean());
        Assert.True(pool.GetProperty("max").GetInt32() > 0);
        var client = bundle.Body.GetProperty("redis").GetProperty("redis");
        Assert.True(client.GetProperty("connected").GetBoolean());
        Assert.Equal(redis.ConnectionString, Assert.Single(client.GetProperty("servers").EnumerateArray()).GetProperty("endpoint").GetString());
        RedactionCorpus.AssertAbsent(bundle.Text, "/ops/diagnostics with PostgreSQL and Redis");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(bundle.Text);
        Assert.InRange(bytes, 1, DiagnosticsEndpointHandler.MaxBytes);
        output.WriteLine($"bundle with PostgreSQL and Redis: {bytes} bytes, {bundle.Body.GetProperty("health").GetProperty("checks").EnumerateObject().Count()} checks");
    }

    private static async Task<TestApp> StartAsync(Action<WebApplicationBuilder> configure, string? details = null, Dictionary<string, string?>? extra = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OpsKit:Health:DetailsPolicy"] = Operators.Policy,
            ["OpsKit:Health:Period"] = "00:00:01",
        };
        if (details is not null)
        {
            configuration["OpsKit:Health:Details"] = details;
        }

        foreach (var (key, value) in extra ?? [])
        {
            configuration[key] = value;
        }

        var app = await TestApp.StartAsync(
            b =>
            {
                b.AddTestOperators();
                b.Services.AddOpsHealth().AddCheck("db", _ => Task.FromResult(HealthCheckResult.Healthy()));
                configure(b);
            },
            configuration,
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsDiagnostics();
            });
        try
        {
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code != 0 && r.Text.Contains("status", StringComparison.Ordinal) && !r.Text.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the first snapshot");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private sealed class HugeSection : IOpsDiagnosticsSection
    {
        public string Name => "huge";

        public void WriteValue(Utf8JsonWriter json)
        {
            json.WriteStartArray();
            for (var i = 0; i < 3000; i++)
            {
                json.WriteStringValue(new string('x', 100));
            }

            json.WriteEndArray();
        }
    }

    private sealed class FailingSection : IOpsDiagnosticsSection
    {
        public string Name => "failing";

        public void WriteValue(Utf8JsonWriter json) => throw new NotSupportedException("secret detail");
    }
}
