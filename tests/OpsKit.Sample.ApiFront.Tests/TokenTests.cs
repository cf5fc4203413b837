using Microsoft.Extensions.Options;

namespace OpsKit.Sample.ApiFront.Tests;

public sealed class TokenTests : IAsyncLifetime
{
    private Lucid? _lucid;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync() => _lucid = await Lucid.StartAsync();

    public async Task DisposeAsync() => await Lucid.DisposeAsync();

    [Fact]
    public async Task S2_T6_token_signed_with_another_key_is_401_counted_as_invalid_signature()
    {
        await using var host = await Lucid.StartSampleAsync();

        var (status, _) = await host.GetApiAsync("/api/v1/test", Lucid.Token(Lucid.OtherKey));

        Assert.Equal(401, status);
        var metrics = await host.ScrapeAsync();
        Assert.Equal(1, SampleHost.MetricValue(metrics, "opskit_security_events_total", "type=\"auth_failure\"", "reason=\"invalid_signature\""));
        Assert.Equal(1, SampleHost.MetricValue(metrics, "opskit_security_auth_attempts_total", "result=\"failure\""));
    }

    [Fact]
    public async Task S2_T6_token_expired_ten_minutes_ago_is_401_counted_as_expired()
    {
        await using var host = await Lucid.StartSampleAsync();

        var (status, _) = await host.GetApiAsync("/api/v1/test", Lucid.Token(expires: DateTime.UtcNow.AddMinutes(-10)));

        Assert.Equal(401, status);
        Assert.Equal(1, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_security_events_total", "type=\"auth_failure\"", "reason=\"expired\""));
    }

    [Fact]
    public async Task S2_T6_valid_token_is_200_and_counted_as_a_successful_attempt()
    {
        await using var host = await Lucid.StartSampleAsync();

        var (status, body) = await host.GetApiAsync("/api/v1/test", Lucid.Token());

        Assert.Equal(200, status);
        Assert.Equal("alice", body.GetProperty("user").GetString());
        Assert.Equal(1, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_security_auth_attempts_total", "result=\"success\""));
    }

    [Fact]
    public async Task S2_T6_a_16_byte_signing_key_fails_start_up_naming_the_setting_not_its_value()
    {
        const string shortKey = "sixteen-byte-key";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => Lucid.StartSampleAsync(new Dictionary<string, string?> { ["Jwt:Key"] = shortKey }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Jwt:Key:", StringComparison.Ordinal) && f.Contains("256 bits", StringComparison.Ordinal));
        Assert.DoesNotContain(shortKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_a_signing_key_fails_start_up_naming_Jwt_Key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => Lucid.StartSampleAsync(new Dictionary<string, string?> { ["Jwt:Key"] = null }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Jwt:Key is required", StringComparison.Ordinal));
    }
}
