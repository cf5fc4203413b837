using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpsKit.Slo;
using OpsKit.Slo.Internal;

namespace OpsKit.Benchmarks.Slo;

/// <summary>
/// Per-request cost of SLO tracking. ASP.NET Core records <c>http.server.request.duration</c> once per request with
/// the same four tags; the baselines are that call with nobody listening and with OpenTelemetry's SDK aggregating it
/// (what the Prometheus exporter already costs). The OpsKit rows add the SLO listener (MeterListener callback, tag
/// parsing, recording into one or three objectives' windows), and the estimator alone.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SloRecordingBenchmarks
{
    private const string HostingMeter = "Microsoft.AspNetCore.Hosting";

    // ASP.NET Core passes status codes boxed once (cached); boxing here would charge 24 B to every row.
    private static readonly object Status200 = 200;
    private readonly double[] _durations = new double[1024];
    private Meter? _idleMeter;
    private Histogram<double>? _idle;
    private Meter? _otelMeter;
    private Histogram<double>? _otel;
    private MeterProvider? _provider;
    private Meter? _sloMeter;
    private Histogram<double>? _slo;
    private SloRequestListener? _listener;
    private Meter? _slo3Meter;
    private Histogram<double>? _slo3;
    private SloRequestListener? _listener3;
    private SloMonitor? _monitor;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < _durations.Length; i++)
        {
            _durations[i] = 0.001 + (random.NextDouble() * 0.5);
        }

        _idleMeter = new Meter("bench.idle");
        _idle = _idleMeter.CreateHistogram<double>("http.server.request.duration", "s");

        _otelMeter = new Meter("bench.otel");
        _otel = _otelMeter.CreateHistogram<double>("http.server.request.duration", "s");
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("bench.otel")
            .AddReader(new PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 3_600_000))
            .Build();

        (_sloMeter, _slo, _listener, _monitor) = Slo(1);
        (_slo3Meter, _slo3, _listener3, _) = Slo(3);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _listener3?.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _listener?.Dispose();
        _listener3?.Dispose();
        _provider?.Dispose();
        _idleMeter?.Dispose();
        _otelMeter?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Histogram.Record, nobody listening")]
    public void RecordIdle() => _idle!.Record(Next(), Tags());

    [Benchmark(Description = "Histogram.Record, OpenTelemetry SDK aggregating")]
    public void RecordOpenTelemetry() => _otel!.Record(Next(), Tags());

    [Benchmark(Description = "Histogram.Record, OpsKit SLO listener, 1 objective")]
    public void RecordSlo() => _slo!.Record(Next(), Tags());

    [Benchmark(Description = "Histogram.Record, OpsKit SLO listener, 3 objectives")]
    public void RecordSlo3() => _slo3!.Record(Next(), Tags());

    [Benchmark(Description = "OpsKit estimator alone (SloMonitor.Record)")]
    public void RecordEstimator() => _monitor!.Record(Next(), "/api/orders/{id}", 200, null);

    private static TagList Tags() => new()
    {
        { "http.request.method", "GET" },
        { "url.scheme", "http" },
        { "http.route", "/api/orders/{id}" },
        { "http.response.status_code", Status200 },
    };

    private double Next() => _durations[_i++ & 1023];

    private static (Meter, Histogram<double>, SloRequestListener, SloMonitor) Slo(int objectives)
    {
        var options = new OpsSloOptions();
        options.Objectives["api"] = new OpsSloObjectiveOptions { Route = "/api", Preset = "strict" };
        if (objectives > 1)
        {
            options.Objectives["all"] = new OpsSloObjectiveOptions { Preset = "web-api" };
            options.Objectives["admin"] = new OpsSloObjectiveOptions { Route = "/admin", Preset = "strict" };
        }

        // Each listener follows only the meter made by its own factory, as in a host.
        var factory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var monitor = new SloMonitor(Options.Create(options), TimeProvider.System);
        var listener = new SloRequestListener(monitor, TimeProvider.System, factory);
        var meter = factory.Create(HostingMeter);
        var histogram = meter.CreateHistogram<double>("http.server.request.duration", "s");
        listener.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (meter, histogram, listener, monitor);
    }

    /// <summary>
    /// The short job, run in process: nothing here depends on a separate build, and on the shared 2-core machine the
    /// generated project's build exceeded BenchmarkDotNet's 2-minute build timeout.
    /// </summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }

    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
