using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OpsKit.Sample.FileService.Tests;

[Collection(SharedServersCollection.Name)]
public sealed class S1T5OrphanedLockTests(SharedServers shared)
{
    [Fact]
    public async Task S1_T5_lock_keys_without_ttl_or_with_too_long_a_ttl_are_named_by_the_lock_check_using_scan_only()
    {
        using var storage = new StorageDirectory();
        await shared.Redis.ExecuteAsync("CONFIG", "RESETSTAT");
        await shared.Redis.ExecuteAsync("SET", "callfs:lock:/a/b", "t1");
        await shared.Redis.ExecuteAsync("SET", "callfs:lock:/c/d", "t2", "PX", "600000");
        try
        {
            await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t5", storage.Path));
            var response = await Eventually.Until(
                () => host.GetJsonAsync("/health"),
                r => r.HasCheck("redis.locks", "Degraded"),
                TimeSpan.FromSeconds(6),
                "the orphaned locks are reported");
            var data = response.Check("redis.locks").GetProperty("data");
            Assert.Equal(1, data.GetProperty("keys_without_ttl").GetInt32());
            Assert.Equal(1, data.GetProperty("keys_ttl_above_timeout").GetInt32());
            var sample = data.GetProperty("sample").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["callfs:lock:/a/b", "callfs:lock:/c/d"], sample);

            var commandStats = (string)(await shared.Redis.ExecuteAsync("INFO", "commandstats"))!;
            Assert.Contains("cmdstat_scan", commandStats, StringComparison.Ordinal);
            Assert.DoesNotContain("cmdstat_keys", commandStats, StringComparison.Ordinal);
        }
        finally
        {
            await shared.Redis.ExecuteAsync("DEL", "callfs:lock:/a/b", "callfs:lock:/c/d");
        }
    }

    [Fact]
    public async Task S1_T5_upload_lock_has_a_ttl_of_at_most_60_s_while_streaming_and_is_removed_after()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t5-lock", storage.Path));
        const string key = "callfs:lock:/t5/slow.bin";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var content = new GatedContent("first half,"u8.ToArray(), " second half"u8.ToArray(), gate.Task);

        var upload = host.SendAsync(HttpMethod.Put, "/files/t5/slow.bin", "Bearer " + FileService.ApiKey, content);
        try
        {
            await Eventually.Until(async () => (long)await shared.Redis.ExecuteAsync("EXISTS", key) == 1, TimeSpan.FromSeconds(5), "the upload holds its lock");
            var pttl = (long)await shared.Redis.ExecuteAsync("PTTL", key);
            Assert.InRange(pttl, 1, 60_000);
        }
        finally
        {
            gate.TrySetResult();
        }

        using var response = await upload;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, (long)await shared.Redis.ExecuteAsync("EXISTS", key));

        // The file streams back, and its metadata is in PostgreSQL.
        using var download = await host.SendAsync(HttpMethod.Get, "/files/t5/slow.bin", "Bearer " + FileService.ApiKey);
        Assert.Equal("first half, second half", await download.Content.ReadAsStringAsync());
        await using var query = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT size_bytes FROM files WHERE path = '/t5/slow.bin'");
        Assert.Equal((long)Encoding.UTF8.GetByteCount("first half, second half"), (long)(await query.ExecuteScalarAsync())!);
    }

    /// <summary>A request body sent in two parts, the second only when the gate opens (chunked, length unknown).</summary>
    private sealed class GatedContent(byte[] first, byte[] rest, Task gate) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            await gate;
            await stream.WriteAsync(rest);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
