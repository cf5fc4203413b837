using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OpsKit.Grpc.Tests;

public sealed class GrpcHealthTests
{
    private static readonly Dictionary<string, string?> Config = new() { ["OpsKit:Health:Period"] = "00:00:01" };

    private static Task<TestApp> StartAsync(Action<OpsHealthBuilder> checks, Dictionary<string, string?>? configuration = null) =>
        GrpcApp.StartAsync((_, health) => checks(health), configuration ?? Config);

    [Fact]
    public async Task Check_answers_each_probe_service_from_the_snapshot()
    {
        await using var app = await StartAsync(h => h
            .AddCheck("db", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")))
            .AddCheck("deadlock", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: ["live"])
            .AddCheck("migrations", _ => Task.FromResult(HealthCheckResult.Degraded("slow")), tags: ["startup"]));
        using var grpc = new GrpcHealthClient(app);
        await Eventually.Until(async () => await grpc.CheckAsync("live") == ServingStatus.Serving, TimeSpan.FromSeconds(5), "the first snapshot");
        var state = app.Services.GetRequiredService<IOpsHealthState>();
        await Eventually.Until(() => Task.FromResult(state.Current.Entries.All(e => e.Status is not null)), TimeSpan.FromSeconds(5), "every check has a result");

        Assert.Equal(ServingStatus.NotServing, await grpc.CheckAsync(""));
        Assert.Equal(ServingStatus.NotServing, await grpc.CheckAsync("ready"));
        Assert.Equal(ServingStatus.Serving, await grpc.CheckAsync("live"));
        Assert.Equal(ServingStatus.NotServing, await grpc.CheckAsync("startup"));
    }

    [Fact]
    public async Task The_empty_service_follows_readiness_including_traffic_refused_from_code()
    {
        await using var app = await StartAsync(h => h.AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())));
        using var grpc = new GrpcHealthClient(app);
        await Eventually.Until(async () => await grpc.CheckAsync("") == ServingStatus.Serving, TimeSpan.FromSeconds(5), "ready");

        app.Services.GetRequiredService<IOpsAvailability>().RefuseTraffic("draining");

        Assert.Equal(ServingStatus.NotServing, await grpc.CheckAsync(""));
        Assert.Equal(ServingStatus.Serving, await grpc.CheckAsync("live"));
    }

    [Fact]
    public async Task An_unknown_service_is_not_found_for_check_and_service_unknown_for_watch()
    {
        await using var app = await StartAsync(h => h.AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())));
        using var grpc = new GrpcHealthClient(app);

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.CheckAsync("orders.v1.Orders"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var watch = grpc.Health.Watch(new HealthCheckRequest { Service = "orders.v1.Orders" }, cancellationToken: cancel.Token);
        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.ServiceUnknown, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task A_thousand_concurrent_checks_run_no_health_check()
    {
        var runs = 0;
        await using var app = await StartAsync(
            h => h.AddCheck("counted", _ =>
            {
                Interlocked.Increment(ref runs);
                return Task.FromResult(HealthCheckResult.Healthy());
            }),
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:01:00" });
        using var grpc = new GrpcHealthClient(app);
        await Eventually.Until(async () => await grpc.CheckAsync("") == ServingStatus.Serving, TimeSpan.FromSeconds(5), "the first result");
        var before = Volatile.Read(ref runs);
        using var executions = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.health.check.executions");

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => grpc.CheckAsync((i % 4) switch
        {
            0 => "",
            1 => "live",
            2 => "ready",
            _ => "startup",
        })));

        Assert.All(answers, a => Assert.Equal(ServingStatus.Serving, a));
        Assert.Equal(1, before);
        Assert.Equal(before, Volatile.Read(ref runs));
        Assert.Empty(executions.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Mapping_the_service_without_adding_it_fails_at_start_up_naming_the_missing_call()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth(),
            Config,
            map: a => a.MapOpsGrpcHealth()));

        Assert.Contains("AddOpsGrpcHealth()", error.Message, StringComparison.Ordinal);
    }
}
