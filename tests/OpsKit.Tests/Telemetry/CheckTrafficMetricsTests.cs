using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpsKit.Health;
using OpsKit.Health.Checks.Internal;
using OpsKit.Tests.Checks;

namespace OpsKit.Tests.Telemetry;

/// <summary>The <c>http</c> check's requests are not the application's: they stay out of its <c>http.client.*</c> metrics.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class CheckTrafficMetricsTests
{
    private const int AppCalls = 4;

    [Theory]
    [InlineData("AddOpsTelemetry")]
    [InlineData("AddHttpClientInstrumentation")]
    public async Task App_request_duration_counts_the_apps_own_calls_while_an_http_check_polls_the_same_upstream(string setup)
    {
        await using var upstream = await StubServer.StartAsync(a =>
        {
            a.MapGet("/health", () => "ok");
            a.MapGet("/data", () => "data");
        });
        using var requests = new RequestDurationListener(upstream.Port);
        var metrics = new InMemoryMetrics();
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth().AddHttpDependency("traffic-upstream", upstream.Url("/health"));
                b.Services.AddHttpClient();
                if (setup == "AddOpsTelemetry")
                {
                    b.Services.AddOpsTelemetry();
                }
                else
                {
                    b.Services.AddOpenTelemetry().WithMetrics(m => m.AddHttpClientInstrumentation());
                }

                metrics.AddTo(b.Services);
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00.200" });

        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        for (var i = 0; i < AppCalls; i++)
        {
            Assert.Equal("data", await client.GetStringAsync(upstream.Url("/data")));
        }

        // The checks ran several times meanwhile, and their requests were measured on the checks' own meter.
        await Eventually.Until(() => Task.FromResult(requests.Count(CheckTrafficMeterFactory.MeterName) >= 3), TimeSpan.FromSeconds(10), "the check ran three times");
        Assert.Equal(AppCalls, requests.Count("System.Net.Http"));
        var exported = await metrics.CollectAsync(app, "http.client.request.duration");
        var point = exported.Point(("server.port", upstream.Port.ToString(CultureInfo.InvariantCulture)));
        Assert.NotNull(point);
        Assert.Equal(AppCalls, point.Value.GetHistogramCount());
    }

    /// <summary>Counts <c>http.client.request.duration</c> measurements to one port, by the name of the meter that made them.</summary>
    private sealed class RequestDurationListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, int> _counts = [];

        public RequestDurationListener(int port)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "http.client.request.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "server.port" && port.Equals(tag.Value))
                    {
                        lock (_counts)
                        {
                            _counts[instrument.Meter.Name] = _counts.GetValueOrDefault(instrument.Meter.Name) + 1;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public int Count(string meterName)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(meterName);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
