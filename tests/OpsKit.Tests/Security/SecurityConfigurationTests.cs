using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace OpsKit.Tests.Security;

public sealed class SecurityConfigurationTests
{
    [Theory]
    [InlineData("your-api-key")]
    [InlineData("changeme")]
    [InlineData("<put the key here>")]
    [InlineData("")]
    public async Task Placeholder_api_key_fails_start_up_naming_the_key_not_the_value(string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SecurityTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["ApiKeys:0"] = "a-real-key-3f9c2d7e41b8",
            ["ApiKeys:1"] = value,
        }));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("ApiKeys:1:", failure, StringComparison.Ordinal);
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Short_base64_signing_key_in_the_jwt_bearer_configuration_section_fails_start_up()
    {
        var key = Convert.ToBase64String(new byte[16]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SecurityTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = "dotnet-user-jwts",
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = key,
        }));

        Assert.StartsWith("Authentication:Schemes:Bearer:SigningKeys:0:Value:", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_random_keys_start()
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Jwt:Key"] = "k7P2vQ9xL4mN8rT1wY6zB3cF5hJ0dG2s",
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ApiKey"] = "3f9c2d7e41b8a6c0",
        });

        Assert.Equal(200, await host.GetAsync("/health/live", authorization: null));
    }

    [Fact]
    public async Task Invalid_options_without_the_health_engine_fail_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            builder => builder.Services.AddOpsSecuritySignals(),
            new Dictionary<string, string?>
            {
                ["OpsKit:Security:TopOffenders"] = "0",
                ["OpsKit:Security:EventTypes:Bad Type:0"] = "x",
            },
            map: app => app.MapGet("/", () => "ok")));

        Assert.Contains("OpsKit:Security:TopOffenders must be between 1 and 1000.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Security:EventTypes:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secret_values_never_reach_the_logs_when_start_up_fails()
    {
        const string secret = "sk-live-0123";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jwt:SigningKey"] = secret });
        builder.Services.AddOpsHealth();
        builder.Services.AddOpsSecuritySignals();
        await using var app = builder.Build();
        app.MapOpsHealth();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Jwt:SigningKey:", StringComparison.Ordinal));
        var logs = app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, r => $"{r.Message} {r.Exception}".Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> PlaceholderAndLowVarietySigningKeys => new()
    {
        { "Jwt:Key", "changeme-changeme-changeme-changeme" },
        { "Jwt:Key", "CHANGEME_CHANGEME_CHANGEME_CHANGEME_01" },
        { "Jwt:Key", "your-secret-key-your-secret-key-your-secret-key" },
        { "Jwt:Key", "secretsecretsecretsecretsecretsecret" },
        { "Jwt:Key", new string('a', 40) },
        { "Jwt:Key", "abcabcabcabcabcabcabcabcabcabcabcabc" },
        { "Jwt:Key", "0123456789abcdefghijklmnopqrstuvwxyz" },
        { "Jwt:Key", "9k2Lq7Wm9k2Lq7Wm9k2Lq7Wm9k2Lq7Wm9k2Lq7Wm" },
        { "Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(new byte[32]) },
        { "Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('a', 40))) },
    };

    public static TheoryData<string, string> RandomSigningKeys => new()
    {
        { "Jwt:Key", "k7P2vQ9xL4mN8rT1wY6zB3cF5hJ0dG2s" },
        { "Jwt:Key", "lucid-api-front-test-signing-key-0123456789abcdef" },
        { "Jwt:Key", Convert.ToHexString(SHA256.HashData("opskit-hex-key"u8)) },
        { "Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SHA256.HashData("opskit-base64-key"u8)) },
    };

    [Theory]
    [MemberData(nameof(PlaceholderAndLowVarietySigningKeys))]
    public async Task Padded_placeholder_and_low_variety_signing_keys_fail_start_up_naming_the_key_not_the_value(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SecurityTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.StartsWith(key + ":", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RandomSigningKeys))]
    public async Task Random_looking_signing_keys_start(string key, string value)
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?> { [key] = value });

        Assert.Equal(200, await host.GetAsync("/health/live", authorization: null));
    }
}
