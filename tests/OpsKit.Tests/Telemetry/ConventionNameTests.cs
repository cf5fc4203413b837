using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace OpsKit.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class ConventionNameTests
{
    private static readonly string[] RuntimeCountGauges = ["dotnet.assembly.count", "dotnet.process.cpu.count", "dotnet.timer.count"];

    [Fact]
    public async Task Exporters_of_the_app_provider_get_the_runtime_instruments_under_their_semantic_convention_names()
    {
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(_ => { }, services: metrics.AddTo);

        foreach (var name in RuntimeCountGauges)
        {
            var metric = await metrics.CollectAsync(app, name);
            Assert.True(metric is not null, $"{name} is exported under its own name");
            Assert.Equal("System.Runtime", metric.MeterName);
        }

        Assert.Null(await metrics.CollectAsync(app, "dotnet.assembly.loaded"));
        Assert.Null(await metrics.CollectAsync(app, "dotnet.process.cpus"));
        Assert.Null(await metrics.CollectAsync(app, "dotnet.timers.active"));
    }

    [Fact]
    public async Task Only_the_prometheus_scrape_renames_the_count_gauges()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });

        var scrape = await app.ScrapeAsync();

        Assert.Equal("gauge", scrape.Types["dotnet_assembly_loaded"]);
        Assert.Equal("gauge", scrape.Types["dotnet_process_cpus"]);
        Assert.Equal("gauge", scrape.Types["dotnet_timers_active"]);
        Assert.DoesNotContain("dotnet_assembly_count", scrape.Types.Keys);
        Assert.DoesNotContain("dotnet_process_cpu_count", scrape.Types.Keys);
        Assert.DoesNotContain("dotnet_timer_count", scrape.Types.Keys);
    }

    [Fact]
    public async Task The_scrape_serves_the_meters_the_app_adds_to_its_provider_and_no_other()
    {
        using var added = new Meter("OpsKit.Tests.Added");
        using var notAdded = new Meter("OpsKit.Tests.NotAdded");
        await using var app = await TelemetryApp.StartAsync(
            _ => { },
            services: s => s.ConfigureOpenTelemetryMeterProvider(m => m.AddMeter(added.Name)));
        added.CreateCounter<long>("opskit_tests.added.events").Add(3);
        notAdded.CreateCounter<long>("opskit_tests.not_added.events").Add(4);

        var scrape = await app.ScrapeAsync();

        Assert.Equal(3, scrape.Value("opskit_tests_added_events_total"));
        Assert.DoesNotContain("opskit_tests_not_added_events_total", scrape.Types.Keys);
    }
}
