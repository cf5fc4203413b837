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
    public async Task Health_group_errors_are_printed_by_key_and_the_exit_code_is_1()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample,
            new Dictionary<string, string>
            {
                ["OpsKit__Health__Groups__lb__Path"] = "/health/ready",
                ["OpsKit__Health__Groups__lb__Tags__0"] = "edge",
                ["OpsKit__Health__Groups__db__Path"] = "/health/db",
            },
            "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Groups:lb:Path '/health/ready' is already the path of OpsKit:Health:Paths:Ready;", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Groups:lb:Tags: no check carries the tag 'edge'.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Groups:db:Tags must list at least one tag", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit validation failed: 3 problem(s).", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependencies_and_thresholds_are_validated_by_key()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample,
            new Dictionary<string, string>
            {
                ["OpsKit__Health__Checks__disk__DependsOn__0"] = "dta",
                ["OpsKit__Health__Checks__memory__DependsOn__0"] = "memory",
                ["OpsKit__Health__Checks__data__FailureThreshold"] = "0",
            },
            "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Checks:disk:DependsOn: 'dta' is not a registered check. Did you mean 'data'?", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:memory:DependsOn: check 'memory' cannot depend on itself.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:data:FailureThreshold must be at least 1.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit validation failed: 3 problem(s).", output, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("OpsKit__Helth__Period", "00:00:05", "OpsKit:Helth is not a known key. Did you mean OpsKit:Health?")]
    [InlineData("OpsKit__Health__Timout", "00:00:02", "OpsKit:Health:Timout is not a known key. Did you mean OpsKit:Health:Timeout?")]
    [InlineData("OpsKit__Health__Checks__disk__DegradedAtt", "0.5", "OpsKit:Health:Checks:disk:DegradedAtt is not a known key. Did you mean OpsKit:Health:Checks:disk:DegradedAt?")]
    public async Task A_misspelt_key_or_section_is_reported_with_the_nearest_known_key(string variable, string value, string expected)
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { [variable] = value }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_with_no_near_match_lists_the_known_keys()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Foo"] = "1" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Foo is not a known key. Known keys here: Health, Logging, Telemetry.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_number_for_a_duration_is_rejected_instead_of_read_as_days()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Health__Timeout"] = "5" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Timeout is a bare number, which .NET reads as days: write hh:mm:ss, e.g. 00:00:05", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_longer_than_the_period_is_rejected()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Health__Timeout"] = "5.00:00:00" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Timeout (5.00:00:00) must not be longer than 10 times OpsKit:Health:Period (00:00:10)", output, StringComparison.Ordinal);
        Assert.Contains("shorten the timeout", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_that_does_not_parse_is_reported_with_the_accepted_format()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Health__Timeout"] = "banana" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("'OpsKit:Health:Timeout' to a duration: write hh:mm:ss, e.g. 00:00:05 for five seconds", output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.TimeSpan", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enum_value_that_does_not_exist_is_reported_with_the_values_it_can_take()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Health__Details"] = "Sometimes" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Details must be one of Never, Authorized, LocalOrAuthorized, Always.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_check_name_is_reported_with_the_nearest_registered_check()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Health__Checks__dsik__DegradedAt"] = "0.5" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Checks:dsik:Type is required: no check named 'dsik' is registered in code. Did you mean 'disk'?", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_name_with_no_near_match_lists_the_registered_checks()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string> { ["OpsKit__Health__Checks__payments__Critical"] = "false" }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("no check named 'payments' is registered in code. Registered checks: data, disk, memory.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_mistake_is_in_one_report_and_a_normal_start_fails_with_all_of_them()
    {
        var mistakes = new Dictionary<string, string>
        {
            ["OpsKit__Helth__Period"] = "00:00:05",
            ["OpsKit__Health__Timeout"] = "5",
            ["OpsKit__Health__Details"] = "Sometimes",
            ["OpsKit__Health__Checks__dsik__DegradedAt"] = "0.5",
        };

        var validate = await SampleProcess.RunAsync(Sample, mistakes, "--opskit-validate");
        var start = await SampleProcess.RunAsync(Sample, mistakes);

        Assert.True(validate.ExitCode == 1, validate.Output);
        Assert.Contains("OpsKit validation failed: 4 problem(s).", validate.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, start.ExitCode);
        foreach (var key in new[] { "OpsKit:Helth", "OpsKit:Health:Timeout", "OpsKit:Health:Details", "OpsKit:Health:Checks:dsik" })
        {
            Assert.Contains(key, start.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Now listening on", start.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_key_under_a_section_that_may_hold_secrets_names_the_key_but_never_the_value()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["OpsKit__Health__Checks__disk__Pasword"] = "Kq7-secret-2",
            ["OpsKit__Telemetry__ServiceNam"] = "Host=db;Password=Kq7-secret-3",
        }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Checks:disk:Pasword is not a known key.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Telemetry:ServiceNam is not a known key. Did you mean OpsKit:Telemetry:ServiceName?", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Kq7-secret", output, StringComparison.Ordinal);
    }
}
