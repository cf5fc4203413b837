using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Redis;
using StackExchange.Redis;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OpsKit.Grpc.Tests;

public sealed class GrpcWatchTests
{
    [Fact]
    public async Task Watch_streams_not_serving_then_serving_when_redis_stops_and_starts_again()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await GrpcApp.StartAsync(
            (b, health) =>
            {
                var options = server.Configuration(TimeSpan.FromSeconds(1));
                options.AsyncTimeout = 1000;
                options.SyncTimeout = 1000;
                b.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
                health.AddRedis(o =>
                {
                    o.EnableMemory = false;
                    o.EnableLocks = false;
                });
            },
            // Required: by default a failing remote dependency only degrades readiness, which stays SERVING.
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Period"] = "00:00:01",
                ["OpsKit:Health:Timeout"] = "00:00:02",
                ["OpsKit:Health:Readiness"] = "Required",
            });
        using var grpc = new GrpcHealthClient(app);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watch = grpc.Health.Watch(new HealthCheckRequest { Service = "ready" }, cancellationToken: cancel.Token);
        var stream = watch.ResponseStream;

        Assert.True(await stream.MoveNext(cancel.Token));
        if (stream.Current.Status != ServingStatus.Serving)
        {
            // Starting: the first message is NOT_SERVING until the first result arrives.
            Assert.True(await stream.MoveNext(cancel.Token));
        }

        Assert.Equal(ServingStatus.Serving, stream.Current.Status);

        await server.StopAsync();
        Assert.True(await stream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);

        await server.StartAgainAsync();
        Assert.True(await stream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);
    }
}
