using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsKit.Rules.Generator;
using OpsKit.Security.Internal;

namespace OpsKit.Tests.Security;

public sealed class SecurityScenarioTests
{
    [Fact]
    public async Task S1_T6_bad_auth_scheme_is_counted_without_logging_the_credential()
    {
        await using var host = await SecurityTestHost.StartAsync();

        var status = await host.GetAsync("/secure", "your-api-key");

        Assert.Equal(401, status);
        Assert.Equal(1, host.EventCount("auth_failure", "bad_scheme"));
        Assert.Equal(1, host.AttemptCount("failure"));
        var logs = host.App.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("bad_scheme", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Contains("your-api-key", StringComparison.Ordinal)
            || r.StructuredState?.Any(s => s.Value?.Contains("your-api-key", StringComparison.Ordinal) == true) == true);
    }

    [Fact]
    public async Task S2_T6_token_signed_with_another_key_is_an_invalid_signature_failure()
    {
        await using var host = await SecurityTestHost.StartAsync();

        var status = await host.GetWithTokenAsync("/secure", SecurityTestHost.Token(SecurityTestHost.OtherKey));

        Assert.Equal(401, status);
        Assert.Equal(1, host.EventCount("auth_failure", "invalid_signature"));
        Assert.Equal(1, host.AttemptCount("failure"));
    }

    [Fact]
    public async Task S2_T6_token_expired_ten_minutes_ago_is_an_expired_failure()
    {
        await using var host = await SecurityTestHost.StartAsync();

        var status = await host.GetWithTokenAsync("/secure", SecurityTestHost.Token(expires: DateTime.UtcNow.AddMinutes(-10)));

        Assert.Equal(401, status);
        Assert.Equal(1, host.EventCount("auth_failure", "expired"));
    }

    [Fact]
    public async Task S2_T6_a_16_byte_signing_key_fails_start_up_naming_the_setting_not_its_value()
    {
        const string shortKey = "sixteen-byte-key";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SecurityTestHost.StartAsync(new Dictionary<string, string?> { ["Jwt:Key"] = shortKey }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Jwt:Key:", StringComparison.Ordinal) && f.Contains("256 bits", StringComparison.Ordinal));
        Assert.DoesNotContain(shortKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_T3_login_attempts_and_failures_are_counted_without_address_labels_and_offenders_are_listed()
    {
        await using var host = await SecurityTestHost.StartAsync();
        var good = SecurityTestHost.Token();
        var bad = SecurityTestHost.Token(SecurityTestHost.OtherKey);

        var statuses = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add(await host.GetWithTokenAsync("/secure", i is 5 or 13 ? bad : good));
        }

        Assert.Equal(18, statuses.Count(s => s == 200));
        Assert.Equal(20, host.AttemptCount());
        Assert.Equal(2, host.AttemptCount("failure"));
        Assert.Equal(2, host.EventCount("auth_failure", "invalid_signature"));
        var labels = host.Events.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys)
            .Concat(host.Attempts.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys)).ToHashSet();
        Assert.Subset(new HashSet<string> { "type", "reason", "scheme", "result" }, labels);
        var values = host.Events.GetMeasurementSnapshot().Concat(host.Attempts.GetMeasurementSnapshot()).SelectMany(m => m.Tags.Values).OfType<string>();
        Assert.DoesNotContain(values, v => System.Net.IPAddress.TryParse(v, out _));
        var (code, body, _) = await host.App.Client.GetJsonAsync("/health");
        Assert.Equal(200, code);
        var offenders = body.GetProperty("security").GetProperty("top_offenders").GetProperty("auth_failure");
        var row = Assert.Single(offenders.EnumerateArray());
        Assert.Equal("127.0.0.1", row.GetProperty("address").GetString());
        Assert.Equal(2, row.GetProperty("count").GetInt64());
        Assert.Contains("OpsKitAuthSuccessRateLow", RuleYaml.Rules(SecurityAlertRules.File), StringComparison.Ordinal);
        Assert.Contains("> 0.05", RuleYaml.Rules(SecurityAlertRules.File), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_request_is_counted_as_authorization_denied_with_the_registered_policy_name()
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?> { ["OpsKit:Security:EventTypes:authorization_denied:0"] = "admin" });

        var status = await host.GetWithTokenAsync("/admin", SecurityTestHost.Token());

        Assert.Equal(403, status);
        Assert.Equal(1, host.EventCount("authorization_denied", "admin"));
        Assert.Equal(1, host.AttemptCount("success"));
    }

    [Fact]
    public async Task Anonymous_request_to_a_protected_endpoint_is_a_missing_header_failure_but_not_an_attempt()
    {
        await using var host = await SecurityTestHost.StartAsync();

        var status = await host.GetAsync("/secure", authorization: null);

        Assert.Equal(401, status);
        Assert.Equal(1, host.EventCount("auth_failure", "missing_header"));
        Assert.Equal(0, host.AttemptCount());
    }

    [Fact]
    public async Task Anonymous_health_probes_count_nothing()
    {
        await using var host = await SecurityTestHost.StartAsync();

        var (code, _, _) = await host.App.Client.GetJsonAsync("/health/live");

        Assert.Equal(200, code);
        Assert.Empty(host.Events.GetMeasurementSnapshot());
        Assert.Empty(host.Attempts.GetMeasurementSnapshot());
    }
}
