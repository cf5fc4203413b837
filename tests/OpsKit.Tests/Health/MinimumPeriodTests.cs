using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

/// <summary>
/// The 1 s minimum period as operators meet it: a host built like an application's (not <see cref="TestApp"/>, whose
/// engine tests may go faster).
/// </summary>
public sealed class MinimumPeriodTests
{
    [Theory]
    [InlineData("OpsKit:Health:Period", "00:00:00.001")]
    [InlineData("OpsKit:Health:Checks:db:Period", "00:00:00.500")]
    public async Task A_period_below_one_second_fails_start_up_naming_the_key_and_the_accepted_range(string key, string value)
    {
        await using var app = Build(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith($"{key} must be at least 00:00:01 (accepted: 00:00:01 or longer)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_one_second_period_starts()
    {
        await using var app = Build(new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Checks:db:Period"] = "00:00:01",
        });

        await app.StartAsync();
        await app.StopAsync();
    }

    private static WebApplication Build(Dictionary<string, string?> configuration)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configuration["OpsKit:Health:ShutdownDelay"] = "00:00:00";
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddOpsHealth().AddCheck("db", _ => Task.FromResult(HealthCheckResult.Healthy()));
        var app = builder.Build();
        app.MapOpsHealth();
        return app;
    }
}
