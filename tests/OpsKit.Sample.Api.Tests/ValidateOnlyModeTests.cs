using OpsKit.Testing;

namespace OpsKit.Sample.Api.Tests;

public sealed class ValidateOnlyModeTests
{
    private const string Sample = "OpsKit.Sample.Api";

    [Fact]
    public async Task Valid_configuration_exits_0_without_serving()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>(), "--opskit-validate");

        Assert.True(exitCode == 0, output);
        Assert.Contains("OpsKit validation passed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_variable_turns_validate_only_mode_on()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OPSKIT_VALIDATE"] = "1" });

        Assert.True(exitCode == 0, output);
        Assert.Contains("OpsKit validation passed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_violation_is_printed_by_key_and_the_exit_code_is_1()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, 
            new Dictionary<string, string>
            {
                ["OpsKit__Health__Timeout"] = "-00:00:01",
                ["OpsKit__Health__Checks__mongo__Type"] = "mongodb",
                ["OpsKit__Health__Checks__gateway__Url"] = "https://user:Vx2-secret-5@gw/",
            },
            "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Timeout must be greater than zero.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:mongo:Type 'mongodb' is not a known check type.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:gateway:Type is required", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit validation failed: 3 problem(s).", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Vx2-secret-5", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Application started", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normal_start_with_bad_configuration_fails_naming_the_key_and_no_secret()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["OpsKit__Health__Period"] = "00:00:00",
            ["ConnectionStrings__audit"] = "Host=db;Password=Pq8-secret-3",
            ["OpsKit__Health__Checks__audit__Type"] = "Host=db;Password=Pq8-secret-3",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("OpsKit:Health:Period must be greater than zero.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pq8-secret-3", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_placed_after_the_switch_is_reported_instead_of_silently_ignored()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, 
            new Dictionary<string, string>(), "--opskit-validate", "--OpsKit:Health:Checks:gateway:Type=http");

        Assert.True(exitCode == 1, output);
        Assert.Contains("The argument after --opskit-validate ('--OpsKit:Health:Checks:gateway:Type') was read as the switch's value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_declared_by_arguments_before_the_switch_is_validated()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, 
            new Dictionary<string, string>(), "--OpsKit:Health:Checks:gateway:Type=http", "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Checks:gateway:Url is required.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpsKit__Health__Timeout", "OpsKit:Health:Timeout")]
    [InlineData("OpsKit__Health__Checks__disk__DegradedAt", "OpsKit:Health:Checks:disk:DegradedAt")]
    public async Task A_value_that_does_not_convert_is_reported_by_key_instead_of_crashing(string variable, string key)
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { [variable] = "abc" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains(key, output, StringComparison.Ordinal);
        Assert.Contains("OpsKit validation failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
