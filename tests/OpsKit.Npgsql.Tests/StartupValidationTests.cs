using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OpsKit.Npgsql.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task Missing_data_source_fails_start_up_naming_the_service()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddNpgsql(),
            PostgresApp.FastPeriods()));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("OpsKit:Health:Checks:postgres", failure, StringComparison.Ordinal);
        Assert.Contains("NpgsqlDataSource", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_keyed_data_source_names_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddNpgsql(o => o.Name = "orders", serviceKey: "orders"),
            PostgresApp.FastPeriods()));

        Assert.Contains(error.Failures, f => f.Contains("OpsKit:Health:Checks:orders", StringComparison.Ordinal) && f.Contains("keyed service 'orders'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_source_registered_after_AddNpgsql_is_found()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth().AddNpgsql();
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=u;Password=never-shown"));
            },
            PostgresApp.FastPeriods());

        var response = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("postgres", "Unhealthy"), TimeSpan.FromSeconds(6), "the check runs");
        Assert.Equal("connection_refused", response.Check("postgres").Category());
    }

    [Fact]
    public async Task Threshold_out_of_range_fails_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=u"));
                b.Services.AddOpsHealth().AddNpgsql();
            },
            PostgresApp.FastPeriods(("OpsKit:Health:Checks:postgres.pool:DegradedAt", "1.5"))));

        Assert.Contains("OpsKit:Health:Checks:postgres.pool:DegradedAt must be between 0 and 1.", error.Failures);
    }

    [Theory]
    [InlineData("postgres.pool", "DegradedAt", "0.9", "UnhealthyAt", "0.5")]
    [InlineData("postgres.connections", "DegradedAt", "0.9", "UnhealthyAt", "0.9")]
    [InlineData("postgres.replication", "DegradedLag", "00:10:00", "UnhealthyLag", "00:01:00")]
    public async Task Inverted_thresholds_fail_start_up_naming_both_keys(
        string check, string degradedKey, string degraded, string unhealthyKey, string unhealthy)
    {
        var section = "OpsKit:Health:Checks:" + check;
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=u"));
                b.Services.AddOpsHealth().AddNpgsql();
            },
            PostgresApp.FastPeriods(($"{section}:{degradedKey}", degraded), ($"{section}:{unhealthyKey}", unhealthy))));

        Assert.Contains($"{section}:{degradedKey} must be less than {section}:{unhealthyKey}.", error.Failures);
    }
}
