using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OpsKit.Grpc.Tests;

public sealed class GrpcHealthGroupTests
{
    private static readonly Dictionary<string, string?> Config = new()
    {
        ["OpsKit:Health:Period"] = "00:00:01",
        ["OpsKit:Health:Groups:db:Path"] = "/health/db",
        ["OpsKit:Health:Groups:db:Tags:0"] = "db",
        ["OpsKit:Health:Groups:edge:Path"] = "/health/edge",
        ["OpsKit:Health:Groups:edge:Tags:0"] = "edge",
    };

    [Fact]
    public async Task Check_answers_each_group_by_name_with_the_groups_own_verdict()
    {
        await using var app = await GrpcApp.StartAsync(
            (_, h) => h
                .AddCheck("database", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")), tags: ["db"])
                .AddCheck("gateway", _ => Task.FromResult(HealthCheckResult.Degraded("slow")), tags: ["edge"]),
            Config);
        using var grpc = new GrpcHealthClient(app);
        var state = app.Services.GetRequiredService<IOpsHealthState>();
        await Eventually.Until(() => Task.FromResult(state.Current.Entries.All(e => e.Status is not null)), TimeSpan.FromSeconds(5), "every check has a result");

        Assert.Equal(ServingStatus.NotServing, await grpc.CheckAsync("db"));
        Assert.Equal(ServingStatus.Serving, await grpc.CheckAsync("edge"));
        Assert.Equal(ServingStatus.NotServing, await grpc.CheckAsync(""));
    }

    [Fact]
    public async Task Watch_on_a_group_sees_not_serving_then_serving_when_its_check_recovers()
    {
        var recovered = 0;
        await using var app = await GrpcApp.StartAsync(
            (_, h) => h
                .AddCheck("database", _ => Task.FromResult(Volatile.Read(ref recovered) == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down")), tags: ["db"])
                .AddCheck("gateway", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: ["edge"]),
            Config);
        using var grpc = new GrpcHealthClient(app);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = grpc.Health.Watch(new HealthCheckRequest { Service = "db" }, cancellationToken: cancel.Token);

        var seen = new List<ServingStatus>();
        while (!seen.Contains(ServingStatus.NotServing) && await watch.ResponseStream.MoveNext(cancel.Token))
        {
            seen.Add(watch.ResponseStream.Current.Status);
        }

        Volatile.Write(ref recovered, 1);
        while (await watch.ResponseStream.MoveNext(cancel.Token))
        {
            seen.Add(watch.ResponseStream.Current.Status);
            if (watch.ResponseStream.Current.Status == ServingStatus.Serving)
            {
                break;
            }
        }

        Assert.Equal(ServingStatus.Serving, seen[^1]);
        Assert.Contains(ServingStatus.NotServing, seen);
        Assert.DoesNotContain(ServingStatus.ServiceUnknown, seen);
    }
}
