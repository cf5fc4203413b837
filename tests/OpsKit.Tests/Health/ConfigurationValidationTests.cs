using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("OpsKit:Health:Timeout", "-00:00:01", "OpsKit:Health:Timeout must be greater than zero.")]
    [InlineData("OpsKit:Health:Period", "00:00:00", "OpsKit:Health:Period must be greater than zero.")]
    [InlineData("OpsKit:Health:Paths:Ready", "ready", "OpsKit:Health:Paths:Ready must start with '/'.")]
    [InlineData("OpsKit:Health:Timout", "00:00:01", "OpsKit:Health:Timout is not a known key.")]
    [InlineData("OpsKit:Health:Paths:Redy", "/ready", "OpsKit:Health:Paths:Redy is not a known key. Did you mean OpsKit:Health:Paths:Ready?")]
    [InlineData("OpsKit:Health:Checks:db:Timeout", "-00:00:01", "OpsKit:Health:Checks:db:Timeout must be greater than zero.")]
    [InlineData("OpsKit:Health:Checks:db:Tags:0", "readiness", "OpsKit:Health:Checks:db:Tags: 'readiness' is not a probe; use live, ready or startup.")]
    [InlineData("OpsKit:Health:Checks:db:Url", "http://x", "OpsKit:Health:Checks:db:Url is not a known key.")]
    [InlineData("OpsKit:Health:Checks:mongo:Host", "mongodb", "OpsKit:Health:Checks:mongo:Type is required: no check named 'mongo' is registered in code.")]
    [InlineData("OpsKit:Health:Checks:mongo:Type", "mongodb", "OpsKit:Health:Checks:mongo:Type 'mongodb' is not a known check type.")]
    [InlineData("OpsKit:Health:Checks:Bad Name:Type", "tcp", "OpsKit:Health:Checks:Bad Name: 'Bad Name' is not a valid check name")]
    public async Task Bad_configuration_fails_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("db", _ => Task.FromResult(HealthCheckResult.Healthy())),
            new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_violation_is_reported_at_once()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth(),
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Timeout"] = "-00:00:01",
                ["OpsKit:Health:Checks:a:Type"] = "nope",
                ["OpsKit:Health:Checks:b:Port"] = "1",
            }));

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public async Task Validation_messages_never_print_secret_values()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth(),
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Checks:db:Type"] = "postgres Password=Hx9-topsecret",
            }));

        Assert.DoesNotContain("Hx9-topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_check_names_are_rejected_in_code()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.AddOpsHealth().AddCheck("Bad Name", _ => Task.FromResult(HealthCheckResult.Healthy())));
        Assert.Contains("[a-z0-9][a-z0-9._-]*", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapOpsHealth_without_AddOpsHealth_says_what_is_missing()
    {
        var app = WebApplication.CreateBuilder().Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapOpsHealth());
        Assert.Contains("AddOpsHealth()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new OpsHealthOptions();
        Assert.Equal(TimeSpan.FromSeconds(10), options.Period);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ShutdownDelay);
        Assert.Null(options.Details);
        Assert.Equal("/health/live", options.Paths.Live);
        Assert.Equal("/health/ready", options.Paths.Ready);
        Assert.Equal("/health/startup", options.Paths.Startup);
        Assert.Equal("/health", options.Paths.Details);
        Assert.Equal(string.Empty, options.Paths.Alive);
    }
}
