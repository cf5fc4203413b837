using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class HealthGroupValidationTests
{
    [Theory]
    [InlineData("db:Path=/health/ready|db:Tags:0=db", "OpsKit:Health:Groups:db:Path '/health/ready' is already the path of OpsKit:Health:Paths:Ready;")]
    [InlineData("db:Path=/health/|db:Tags:0=db", "OpsKit:Health:Groups:db:Path '/health/' is already the path of OpsKit:Health:Paths:Details;")]
    [InlineData("db:Path=/health/maintenance|db:Tags:0=db", "OpsKit:Health:Groups:db:Path '/health/maintenance' is already the path of OpsKit:Health:Paths:Details;")]
    [InlineData("a:Path=/health/x|a:Tags:0=db|b:Path=/Health/X|b:Tags:0=db", "OpsKit:Health:Groups:b:Path '/Health/X' is already the path of OpsKit:Health:Groups:a:Path;")]
    [InlineData("db:Path=health/db|db:Tags:0=db", "OpsKit:Health:Groups:db:Path must start with '/'.")]
    [InlineData("db:Tags:0=db", "OpsKit:Health:Groups:db:Path is required.")]
    [InlineData("db:Path=/health/db", "OpsKit:Health:Groups:db:Tags must list at least one tag")]
    [InlineData("db:Path=/health/db|db:Tags:0=dbb", "OpsKit:Health:Groups:db:Tags: no check carries the tag 'dbb'. Did you mean 'db'?")]
    [InlineData("ready:Path=/health/db|ready:Tags:0=db", "OpsKit:Health:Groups:ready: 'ready' is not a valid group name")]
    [InlineData("DB:Path=/health/db|DB:Tags:0=db", "OpsKit:Health:Groups:DB: 'DB' is not a valid group name")]
    [InlineData("db:Path=/health/db|db:Tags:0=db|db:Pth=/x", "OpsKit:Health:Groups:db:Pth is not a known key.")]
    public async Task Bad_group_configuration_fails_start_up_naming_the_key(string settings, string expected)
    {
        var configuration = settings.Split('|')
            .Select(s => s.Split('=', 2))
            .ToDictionary(kv => "OpsKit:Health:Groups:" + kv[0], kv => (string?)kv[1]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("database", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: ["db"]),
            configuration));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tag_in_a_checks_configuration_that_no_group_selects_by_is_still_a_probe_typo()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("database", _ => Task.FromResult(HealthCheckResult.Healthy())),
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Groups:db:Path"] = "/health/db",
                ["OpsKit:Health:Groups:db:Tags:0"] = "db",
                ["OpsKit:Health:Checks:database:Tags:0"] = "db",
                ["OpsKit:Health:Checks:database:Tags:1"] = "raedy",
            }));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Health:Checks:database:Tags: 'raedy' is not a probe;", StringComparison.Ordinal));
    }
}
