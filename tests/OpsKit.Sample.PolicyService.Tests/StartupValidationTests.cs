using System.Diagnostics;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// S3-T1 "Container exits immediately" (missing env): the built sample as a process, as an operator starts it. In the
/// suite's collection so the 5 s bound is not shared with the suite's own hosts.
/// </summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class StartupValidationTests
{
    private const string Sample = "OpsKit.Sample.PolicyService";

    private const string Secret = "Pq8-secret-3";

    // The operator's environment still carries an old connection string with a password; the command line blanks the key
    // (command-line arguments win), which is how an unset DATABASE_URL reaches the service.
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["ConnectionStrings__policydb"] = $"Host=db.internal;Username=acgs_user;Password={Secret}",
        ["PolicyService__Users__operator"] = Secret,
    };

    [Fact]
    public async Task S3_T1_missing_connection_string_exits_non_zero_within_5_s_naming_the_key_without_secrets()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, Environment, "--ConnectionStrings:policydb=");
        clock.Stop();

        Assert.True(exitCode != 0, output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"exited after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("ConnectionStrings:policydb is required", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_T1_validate_only_mode_reports_the_missing_connection_string_by_key()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, Environment, "--ConnectionStrings:policydb=", "--opskit-validate");
        clock.Stop();

        Assert.True(exitCode != 0, output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"exited after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("ConnectionStrings:policydb is required", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_T1_in_process_start_fails_with_an_options_error_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            SampleHost.StartAsync(args => PolicyServiceApp.Create(args), new Dictionary<string, string?> { ["ConnectionStrings:policydb"] = " " }));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("ConnectionStrings:policydb is required", message, StringComparison.Ordinal);
    }
}
