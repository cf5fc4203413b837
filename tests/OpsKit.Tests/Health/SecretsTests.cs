using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class SecretsTests
{
    private const string DbSecret = "Xq7-secret-9f";
    private const string UriSecret = "Zr4-secret-2k";

    [Fact]
    public async Task Secrets_in_exception_messages_appear_in_no_response_log_or_metric()
    {
        var failing = new ControlledCheck
        {
            Result = HealthCheckResult.Unhealthy(
                $"cannot reach Host=db;Username=app;Password={DbSecret}",
                new InvalidOperationException(
                    $"Failed to connect with Host=db;Username=app;Password={DbSecret} via https://user:{UriSecret}@host/",
                    new TimeoutException("inner with " + DbSecret)),
                new Dictionary<string, object> { ["endpoint"] = $"https://user:{UriSecret}@host/" }),
        };
        using var meterSpy = new MeterSpy();
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.AddTestOperators();
                b.Services.AddOpsHealth().AddCheck("db", failing.RunAsync);
            },
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Details"] = "Always",
                ["OpsKit:Health:DetailsPolicy"] = Operators.Policy,
                ["OpsKit:Health:Period"] = "00:00:00.200",
            });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Code == 503 && r.Text.Contains("checks", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the failure is reported");

        var refreshed = await app.Client.PostAsync("/health?refresh=db", Operators.AsOperator);
        Assert.Equal(200, refreshed.Code);
        var outputs = new List<string>
        {
            refreshed.Text,
            (await app.Client.GetJsonAsync("/health")).Text,
            (await app.Client.GetJsonAsync("/health?format=healthchecks-ui")).Text,
            (await app.Client.GetJsonAsync("/health/ready")).Text,
        };
        outputs.AddRange(app.Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(s => s.Value) ?? [])));
        outputs.AddRange(meterSpy.Recorded);

        foreach (var output in outputs)
        {
            Assert.DoesNotContain(DbSecret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(UriSecret, output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
        }

        var details = (await app.Client.GetJsonAsync("/health")).Body.GetProperty("checks").GetProperty("db");
        Assert.Equal("timeout", details.GetProperty("error").GetProperty("category").GetString());
        Assert.StartsWith("InvalidOperationException: Failed to connect with Host=db;Username=***;Password=***", details.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://***@host/", details.GetProperty("data").GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task Values_of_secret_configuration_keys_are_masked_wherever_they_appear()
    {
        const string apiKey = "k3y-Value-7731";
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("api", _ => Task.FromResult(HealthCheckResult.Unhealthy($"rejected key {apiKey}"))),
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Details"] = "Always",
                ["Upstream:ApiKey"] = apiKey,
            });

        var details = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Text.Contains("rejected", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the failure is reported");
        Assert.DoesNotContain(apiKey, details.Text, StringComparison.Ordinal);
        Assert.Contains("rejected key ***", details.Text, StringComparison.Ordinal);
    }

    /// <summary>Records every tag value of every OpsKit measurement.</summary>
    private sealed class MeterSpy : IDisposable
    {
        private readonly MeterListener _listener = new();

        public MeterSpy()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "OpsKit")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
            _listener.SetMeasurementEventCallback<int>((_, _, tags, _) => Record(tags));
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
            _listener.Start();
        }

        public List<string> Recorded { get; } = [];

        public void Dispose() => _listener.Dispose();

        private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (Recorded)
            {
                foreach (var tag in tags)
                {
                    Recorded.Add(tag.Key + "=" + tag.Value);
                }
            }
        }
    }
}
