using System.Globalization;

namespace OpsKit.Sample.ApiFront.Tests;

/// <summary>
/// <c>--opskit-validate</c> with a malformed Redis connection string: the multiplexer is created in the application's
/// factory, so the report names the key, exits 1 and prints no exception. Every dependency points at a closed loopback
/// port, so no made-up host name is resolved.
/// </summary>
public sealed class ValidateOnlyConnectionStringTests
{
    private const string Sample = "OpsKit.Sample.ApiFront";

    private const string Secret = "Az6-secret-9";

    [Fact]
    public async Task A_malformed_redis_connection_string_is_reported_by_key_with_exit_code_1()
    {
        using var closed = new ClosedPort();
        var port = closed.Port.ToString(CultureInfo.InvariantCulture);
        var (exitCode, output) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = $"127.0.0.1:{port},abortConnect=false,bogus=1,password={Secret}",
            ["Jwt__Key"] = "k7P2vQ9xL4mN8rT1wY6zB3cF5hJ0dG2s",
            ["OpsKit__Health__Checks__blockchain-engine__Url"] = $"http://127.0.0.1:{port}/health",
            ["OpsKit__Health__Checks__search__Url"] = $"http://127.0.0.1:{port}/_cluster/health",
            ["OpsKit__Health__Checks__mongodb__Host"] = "127.0.0.1",
            ["OpsKit__Health__Checks__mongodb__Port"] = port,
            ["OpsKit__Health__Checks__rdp-server__Host"] = "127.0.0.1",
            ["OpsKit__Health__Checks__rdp-server__Port"] = port,
        }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("ConnectionStrings:redis is not a valid StackExchange.Redis connection string.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }
}
