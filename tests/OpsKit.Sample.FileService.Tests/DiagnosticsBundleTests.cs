using System.Net;

namespace OpsKit.Sample.FileService.Tests;

/// <summary>The diagnostics bundle of the CallFS sample on real PostgreSQL and Redis: what an operator attaches to an incident.</summary>
[Collection(SharedServersCollection.Name)]
public sealed class DiagnosticsBundleTests(SharedServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task The_bundle_shows_the_pool_and_the_redis_connection_without_a_secret_and_stays_small()
    {
        using var storage = new StorageDirectory();
        var settings = FileService.Settings(servers.Postgres, servers.Redis, "callfs-diagnostics", storage.Path);
        settings["environment"] = "Development"; // no operator policy in the sample: a direct caller on this machine is the operator
        await using var host = await FileService.StartAsync(settings);
        await Eventually.Until(() => host.GetJsonAsync("/health/ready"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "the sample starts ready");

        using var response = await host.Client.GetAsync(new Uri("/ops/diagnostics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bundle = System.Text.Json.JsonDocument.Parse(text);
        var root = bundle.RootElement;
        Assert.True(root.GetProperty("postgres").GetProperty("postgres").GetProperty("pool").GetProperty("max").GetInt32() == 10);
        Assert.True(root.GetProperty("redis").GetProperty("redis").GetProperty("connected").GetBoolean());
        Assert.True(root.GetProperty("process").GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.False(root.TryGetProperty("truncated", out _));
        RedactionCorpus.AssertAbsent(text, "the sample's /ops/diagnostics");
        Assert.DoesNotContain(servers.Postgres.AppPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FileService.ApiKey, text, StringComparison.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        Assert.InRange(bytes, 1, 256 * 1024);
        output.WriteLine($"CallFS sample bundle: {bytes} bytes, {root.GetProperty("health").GetProperty("checks").EnumerateObject().Count()} checks, "
            + $"{root.GetProperty("configuration").EnumerateObject().Count()} configuration keys, {root.GetProperty("transitions").GetArrayLength()} transitions");
    }
}
