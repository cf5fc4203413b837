using System.Diagnostics;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// S4-T3 "Timeout errors after 30 seconds" on large files (S4-R1). In OpsKit the attempt timeout bounds the wait for the
/// backend's response headers (a body already streaming is never cut by it); the idle-read timeout bounds the gap
/// between chunks of a streamed body.
/// </summary>
public sealed class StreamingTimeoutTests
{
    private const string Artefact = "/artifacts/apache/stream/hadoop-3.3.6.tar.gz";

    [Fact]
    public async Task S4_T3_attempt_timeout_3s_fails_a_download_whose_backend_sends_no_headers_for_4s_at_about_3s()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url, new Dictionary<string, string?>
        {
            ["OpsKit:Resilience:Pipelines:apache:AttemptTimeout"] = "00:00:03",
            // appsettings.json gives the apache endpoint a 5 min override; this case is the plain 3 s attempt timeout.
            ["OpsKit:Resilience:Pipelines:apache:Endpoints:0:AttemptTimeout"] = "00:00:03",
            // One attempt, so "fails at about 3 s" is one timeout, not four.
            ["OpsKit:Resilience:Pipelines:apache:Retry:Enabled"] = "false",
        });

        var clock = Stopwatch.StartNew();
        using var response = await proxy.Client.GetAsync(new Uri(Artefact + "?mb=50&rateMBps=5&headerDelayMs=4000", UriKind.Relative));
        clock.Stop();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        // The 502 itself shows the cut came before the backend's headers at 4 s; the upper bound leaves a loaded 2-core
        // machine room on top of the 3 s timeout (timers and the proxy's 502 run late under a CPU burst) and still rules
        // out a second attempt (6 s).
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.8), TimeSpan.FromSeconds(5));
        var metrics = await proxy.Host.ScrapeAsync();
        Assert.True(SampleHost.MetricValue(metrics, "resilience_polly_strategy_events_total", "event_name=\"OnTimeout\"", "pipeline_name=\"apache/archive\"") >= 1,
            "Polly's timeout event is counted with the backend's pipeline name: " + TimeoutLines(metrics));
    }

    [Fact]
    public async Task S4_T3_per_backend_override_30s_with_idle_read_2s_streams_50_MB_at_5_MB_per_s_and_a_5s_pause_fails_after_about_2s()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url, new Dictionary<string, string?>
        {
            ["OpsKit:Resilience:Pipelines:apache:AttemptTimeout"] = "00:00:03",
            ["OpsKit:Resilience:Pipelines:apache:Endpoints:0:AttemptTimeout"] = "00:00:30",
            ["OpsKit:Resilience:Pipelines:apache:IdleReadTimeout"] = "00:00:02",
            ["OpsKit:Resilience:Pipelines:apache:Retry:Enabled"] = "false",
        });

        // Headers after 4 s (beyond the pipeline's 3 s, within the backend's 30 s), then 50 MB at 5 MB/s: about 10 s of flowing body.
        var clock = Stopwatch.StartNew();
        var (status, received, _) = await ReadAllAsync(proxy.Client, Artefact + "?mb=50&rateMBps=5&headerDelayMs=4000");
        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(50L * ArtifactStub.MB, received);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(12), $"the transfer took {clock.Elapsed}: it really flowed for longer than every timeout");

        // 2 MB, then the backend pauses 5 s mid-stream: the idle-read timeout cuts it about 2 s after the last chunk.
        var (_, partial, stalledFor) = await ReadAllAsync(proxy.Client, "/artifacts/apache/stream/stalls.tar.gz?mb=10&pauseAfterMB=2&pauseMs=5000");
        Assert.InRange(partial, 1L * ArtifactStub.MB, (10L * ArtifactStub.MB) - 1);
        Assert.InRange(stalledFor, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));
        // Polled: the proxy counts a transfer after its last write or its cut, which the client can see first.
        var metrics = await Eventually.Until(
            proxy.Host.ScrapeAsync,
            m => SampleHost.MetricValue(m, "artifact_vault_requests_total", "backend=\"apache\"", "result=\"interrupted\"") is not null
                && SampleHost.MetricValue(m, "artifact_vault_requests_total", "backend=\"apache\"", "result=\"streamed\"") is not null,
            ProxyHost.N,
            "both transfers are counted");
        Assert.Equal(1, SampleHost.MetricValue(metrics, "artifact_vault_requests_total", "backend=\"apache\"", "result=\"interrupted\""));
        Assert.Equal(1, SampleHost.MetricValue(metrics, "artifact_vault_requests_total", "backend=\"apache\"", "result=\"streamed\""));
    }

    /// <summary>Reads the body in 64 KB chunks (never the whole body); returns bytes read and the time from the last byte to the failure.</summary>
    private static async Task<(HttpStatusCode Status, long Bytes, TimeSpan StalledFor)> ReadAllAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        var sinceLastByte = Stopwatch.StartNew();
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                total += read;
                sinceLastByte.Restart();
            }

            return (response.StatusCode, total, TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return (response.StatusCode, total, sinceLastByte.Elapsed);
        }
    }

    private static string TimeoutLines(string metrics) =>
        string.Join(" | ", metrics.Split('\n').Where(l => l.StartsWith("resilience_polly", StringComparison.Ordinal)));
}
