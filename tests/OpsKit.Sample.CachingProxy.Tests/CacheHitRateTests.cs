namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>S4-T5 Cache hit rate (S4-M2, S4-M3, S4-D2).</summary>
public sealed class CacheHitRateTests
{
    [Fact]
    public async Task S4_T5_same_artefact_twice_is_one_miss_one_hit_ratio_half_in_stats_and_metrics_with_bytes_served()
    {
        const int size = 4096;
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url);
        var path = new Uri("/artifacts/maven/files/junit-4.13.2.jar?bytes=4096", UriKind.Relative);

        var first = await proxy.Client.GetByteArrayAsync(path);
        var second = await proxy.Client.GetByteArrayAsync(path);

        Assert.Equal(ArtifactStub.FileContent(size), first);
        Assert.Equal(first, second);
        Assert.Equal(1, stub.Hits("/files/junit-4.13.2.jar"));
        var stats = await proxy.Host.GetJsonAsync("/ops/caches");
        Assert.Equal(HttpStatusCode.OK, stats.Status);
        var artifacts = stats.Json.GetProperty("caches").GetProperty("artifacts");
        Assert.Equal(1, artifacts.GetProperty("hits").GetInt64());
        Assert.Equal(1, artifacts.GetProperty("misses").GetInt64());
        Assert.Equal(0.5, artifacts.GetProperty("hit_ratio").GetDouble());
        // The entry's size counts its key and content type (UTF-16) besides the body.
        Assert.InRange(artifacts.GetProperty("size").GetInt64(), size + (2 * ("maven/files/junit-4.13.2.jar?bytes=4096".Length + "application/java-archive".Length)), size + 1024);

        // Polled: Kestrel records a request's duration when the response has completed, and the sample counts the bytes
        // served after writing the body, so the client can hold the second artefact before either is counted.
        var metrics = await Eventually.Until(
            proxy.Host.ScrapeAsync,
            text => RouteRequests(text, "/artifacts/{backend}/{**path}") == 2
                && SampleHost.MetricValue(text, "artifact_vault_served_bytes_total", "backend=\"maven\"") >= 2 * size,
            ProxyHost.N,
            "the artefact route's request counter and the bytes served show both requests");
        Assert.Equal(1, SampleHost.MetricValue(metrics, "opskit_cache_requests_total", "cache=\"artifacts\"", "result=\"hit\""));
        Assert.Equal(1, SampleHost.MetricValue(metrics, "opskit_cache_requests_total", "cache=\"artifacts\"", "result=\"miss\""));
        // Bytes served: the sample's own counter by backend (OpsKit has no bytes-served instrument).
        Assert.Equal(2 * size, SampleHost.MetricValue(metrics, "artifact_vault_served_bytes_total", "backend=\"maven\""));
    }

    /// <summary>
    /// <c>http_server_request_duration_seconds_count</c> of one route, summed over status codes. (SampleHost.MetricValue
    /// ends a label set at the first '}', which a route template contains.)
    /// </summary>
    private static double RouteRequests(string prometheusText, string route) => prometheusText
        .Split('\n')
        .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains($"http_route=\"{route}\"", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
