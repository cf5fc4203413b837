using OpsKit.Testing;

namespace OpsKit.Sample.Api.Tests;

/// <summary>
/// The README quickstart's pattern (the app registers <c>NpgsqlDataSource.Create(…)</c> and
/// <c>ConnectionMultiplexer.Connect(…)</c> factories, then <c>AddNpgsql()</c> / <c>AddRedis()</c>) with malformed
/// connection strings in validate-only mode: reported by key, exit 1, no exception.
/// </summary>
public sealed class ValidateOnlyConnectionStringTests
{
    private const string Sample = "OpsKit.Sample.Api";

    private const string Secret = "Wm3-secret-8";

    [Fact]
    public async Task Malformed_postgres_and_redis_connection_strings_are_reported_by_key_with_exit_code_1()
    {
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = $"Host=127.0.0.1;Bogus=1;Password={Secret}",
            ["ConnectionStrings__redis"] = $"127.0.0.1:1,abortConnect=false,bogus=1,password={Secret}",
            ["OpsKit__Health__Checks__disk__DegradedAt"] = "abc",
        }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("ConnectionStrings:postgres is not a valid Npgsql connection string.", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:redis is not a valid StackExchange.Redis connection string.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:disk:DegradedAt", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings:postgres is not a valid StackExchange.Redis", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings:redis is not a valid Npgsql", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }
}
