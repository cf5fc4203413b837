namespace OpsKit.Sample.FileService.Tests;

/// <summary>
/// <c>--opskit-validate</c> with malformed connection strings: the schema initializer needs the data source before any
/// check runs, so the host itself fails to start; the report must still name the key, keep the other errors, exit 1 and
/// print no exception or stack trace.
/// </summary>
public sealed class ValidateOnlyConnectionStringTests
{
    private const string Sample = "OpsKit.Sample.FileService";

    private const string Secret = "Vq7-secret-4";

    [Fact]
    public async Task A_malformed_postgres_connection_string_is_reported_by_key_with_the_other_errors_and_exit_code_1()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = $"Host=127.0.0.1;Bogus=1;Password={Secret}",
            ["ConnectionStrings__redis"] = $"127.0.0.1:1,abortConnect=false,password={Secret}",
            ["OpsKit__Health__Timeout"] = "-00:00:01",
        }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("ConnectionStrings:postgres is not a valid Npgsql connection string.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Timeout must be greater than zero.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit validation failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_redis_connection_string_is_reported_by_key_and_exit_code_1()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = $"Host=127.0.0.1;Port=1;Password={Secret};Timeout=1",
            ["ConnectionStrings__redis"] = $"127.0.0.1:1,abortConnect=false,bogus=1,password={Secret}",
        }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("ConnectionStrings:redis is not a valid StackExchange.Redis connection string.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings:postgres is not", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_normal_start_with_a_malformed_connection_string_exits_1_naming_the_key_instead_of_crashing()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = $"Host=127.0.0.1;Bogus=1;Password={Secret}",
            ["ConnectionStrings__redis"] = $"127.0.0.1:1,abortConnect=false,password={Secret}",
        }, "--urls=http://127.0.0.1:0");

        Assert.True(exitCode == 1, output);
        Assert.Contains("ConnectionStrings:postgres is not a valid Npgsql connection string.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }
}
