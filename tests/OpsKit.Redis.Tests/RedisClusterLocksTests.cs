using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

/// <summary><c>redis.locks</c> on a real three-primary Redis cluster (three private redis-servers on loopback).</summary>
public sealed class RedisClusterLocksTests
{
    private const int LockCount = 30;

    [Fact]
    public async Task Locks_check_scans_every_primary_of_a_cluster()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await TestApp.StartAsync(
            b =>
            {
                var options = new ConfigurationOptions { AbortOnConnectFail = false, ConnectTimeout = 2000 };
                foreach (var node in cluster.Nodes)
                {
                    options.EndPoints.Add(node.Host, node.Port);
                }

                b.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
                b.Services.AddOpsHealth().AddRedis(o =>
                {
                    o.EnableMemory = false;
                    o.Locks.LockPatterns = ["orders:lock:*"];
                });
            },
            RedisApp.FastPeriods());
        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.Until(() => multiplexer.GetServers().Count(s => s.IsConnected && !s.IsReplica) == 3, TimeSpan.FromSeconds(20), "the app sees three primaries");
        var database = multiplexer.GetDatabase();
        for (var i = 0; i < LockCount; i++)
        {
            await database.StringSetAsync($"orders:lock:{i}", "owner");
        }

        var holders = new HashSet<int>();
        foreach (var node in cluster.Nodes)
        {
            if (await multiplexer.GetServer(node.Host, node.Port).DatabaseSizeAsync() > 0)
            {
                holders.Add(node.Port);
            }
        }

        Assert.True(holders.Count == 3, $"the keys landed on {holders.Count} node(s); the test needs them spread");
        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis.locks", "Degraded") && r.Check("redis.locks").GetProperty("data").GetProperty("keys_without_ttl").GetInt32() == LockCount,
            TimeSpan.FromSeconds(10),
            "every lock key of every primary is found");

        var data = response.Check("redis.locks").GetProperty("data");
        Assert.Equal(3, data.GetProperty("primaries_scanned").GetInt32());
        Assert.Equal(3, data.GetProperty("primaries_known").GetInt32());
        Assert.False(data.GetProperty("scan_truncated").GetBoolean());
    }

    private static async Task<Cluster> StartClusterAsync()
    {
        var nodes = new List<RedisServer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var options = new RedisServerOptions();
                options.Settings["cluster-enabled"] = "yes";
                options.Settings["cluster-node-timeout"] = "5000";
                nodes.Add(await RedisServer.StartAsync(options));
            }

            // redis-cli assigns the 16384 slots over the three primaries and waits until the nodes agree.
            await RedisCliAsync(["--cluster", "create", .. nodes.Select(n => n.ConnectionString), "--cluster-replicas", "0", "--cluster-yes"]);
            foreach (var node in nodes)
            {
                // Asked with redis-cli, since a multiplexer would route the command to any node of the cluster.
                var port = node.Port.ToString(CultureInfo.InvariantCulture);
                await Eventually.Until(
                    async () => (await RedisCliAsync(["-p", port, "CLUSTER", "INFO"])).Contains("cluster_state:ok", StringComparison.Ordinal),
                    TimeSpan.FromSeconds(20),
                    "node " + port + " reports cluster_state:ok");
            }

            return new Cluster(nodes);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<string> RedisCliAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"redis-cli {string.Join(' ', arguments)} failed:\n{await output}\n{await error}");
        return await output;
    }

    private sealed class Cluster(List<RedisServer> nodes) : IAsyncDisposable
    {
        public IReadOnlyList<RedisServer> Nodes { get; } = nodes;

        public async ValueTask DisposeAsync()
        {
            foreach (var node in Nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
