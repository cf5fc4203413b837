using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class LifecycleTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2) + FaultClock.LoadedMachineSlack;

    [Fact]
    public async Task Maintenance_file_makes_readiness_503_on_the_real_clock_while_liveness_stays_200()
    {
        var dir = Directory.CreateTempSubdirectory("opskit-maint-");
        var flag = Path.Combine(dir.FullName, "maintenance_mode");
        try
        {
            await using var app = await TestApp.StartAsync(
                b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())),
                new Dictionary<string, string?> { ["OpsKit:Health:MaintenanceFile"] = flag });
            using var gauge = new MetricCollector<int>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.maintenance");
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");

            // S3-T6's 2 s plus the slack for a loaded machine's timers: this bound could not tell a 3 s poll from a 1 s one,
            // which SchedulingTests.Maintenance_file_is_seen_one_second_of_engine_time_after_it_appears_and_not_before
            // proves on the engine's clock.
            await File.WriteAllTextAsync(flag, "maintenance");
            var ready = await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 503, Within, "maintenance is on");
            Assert.Equal("maintenance", ready.Body.GetProperty("reason").GetString());
            Assert.Equal(200, (await app.Client.GetJsonAsync("/health/live")).Code);
            gauge.RecordObservableInstruments();
            Assert.Equal(1, gauge.LastMeasurement?.Value);

            File.Delete(flag);
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, Within, "maintenance is off");
            gauge.RecordObservableInstruments();
            Assert.Equal(0, gauge.LastMeasurement?.Value);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Maintenance_endpoint_toggles_readiness_for_authorized_callers_only()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())));
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");

        var denied = await app.Client.PostAsync("/health/maintenance");
        Assert.Equal(401, denied.Code);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task Maintenance_endpoint_switches_maintenance_on_and_off()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.AddTestOperators();
                b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy()));
            },
            new Dictionary<string, string?> { ["OpsKit:Health:DetailsPolicy"] = Operators.Policy });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");

        Assert.Equal(200, (await app.Client.PostAsync("/health/maintenance?enabled=true", Operators.AsOperator)).Code);
        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal(503, ready.Code);
        Assert.Equal("maintenance", ready.Body.GetProperty("reason").GetString());

        Assert.Equal(200, (await app.Client.PostAsync("/health/maintenance?enabled=false", Operators.AsOperator)).Code);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task During_shutdown_delay_readiness_is_503_stopping_and_liveness_200()
    {
        var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())),
            new Dictionary<string, string?> { ["OpsKit:Health:ShutdownDelay"] = "00:00:03" });
        await using (app)
        {
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");

            var stopping = app.App.StopAsync();
            var ready = await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 503, TimeSpan.FromSeconds(2), "readiness reports stopping");
            Assert.Equal("stopping", ready.Body.GetProperty("reason").GetString());
            Assert.Equal(200, (await app.Client.GetJsonAsync("/health/live")).Code);
            Assert.False(stopping.IsCompleted, "the host waits for ShutdownDelay before it stops");
            await stopping;
        }
    }

    [Fact]
    public async Task Readiness_reports_stopping_from_the_first_stop_signal_before_the_host_stops()
    {
        // SIGTERM reaches the console lifetime, which signals ApplicationStopping first and only then lets the host
        // call StoppingAsync: readiness (and the readiness port, which follows it) must already say stopping.
        var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())));
        await using (app)
        {
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");
            var state = app.Services.GetRequiredService<IOpsHealthState>();

            app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

            Assert.Equal("stopping", state.Current.Ready.Reason);
            Assert.False(state.Current.Ready.IsPassing);
            var ready = await app.Client.GetJsonAsync("/health/ready");
            Assert.Equal(503, ready.Code);
            Assert.Equal("stopping", ready.Body.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Readiness_is_503_starting_until_the_first_snapshot()
    {
        var gate = new TaskCompletionSource();
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("slow-start", async _ =>
            {
                await gate.Task;
                return HealthCheckResult.Healthy();
            }),
            new Dictionary<string, string?> { ["OpsKit:Health:Timeout"] = "00:00:30" });

        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal(503, ready.Code);
        Assert.Equal("""{"status":"Unhealthy","reason":"starting"}""", ready.Text);

        gate.SetResult();
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot arrives");
    }

    [Fact]
    public async Task Probe_responses_are_json_and_never_cached()
    {
        await using var app = await TestApp.StartAsync(b => b.Services.AddOpsHealth());
        foreach (var path in new[] { "/health/live", "/health/ready", "/health/startup", "/health" })
        {
            using var response = await app.Client.GetAsync(path);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }
}
