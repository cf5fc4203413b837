namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>S4-T1 "Backend not responding" / 502 (S4-H1, S4-M1).</summary>
public sealed class BackendNotRespondingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task S4_T1_stopped_backend_is_Unhealthy_connection_refused_uncached_path_502_cached_path_still_200()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url);
        await proxy.WaitForCheckAsync("backend.apache", "Healthy");
        var cached = await proxy.Client.GetByteArrayAsync(new Uri("/artifacts/apache/files/commons-io.jar?bytes=2048", UriKind.Relative));
        Assert.Equal(ArtifactStub.FileContent(2048), cached);

        await stub.StopAsync();

        var health = await proxy.WaitForCheckAsync("backend.apache", "Unhealthy", FaultClock.Start("S4-T1", "backend-stopped", FaultClock.N, output));
        var check = health.GetProperty("checks").GetProperty("backend.apache");
        Assert.Equal("connection_refused", check.GetProperty("error").GetProperty("category").GetString());
        Assert.False(check.GetProperty("critical").GetBoolean());
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var ready = await proxy.Host.GetJsonAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Degraded", ready.Json.GetProperty("status").GetString());

        using var uncached = await proxy.Client.GetAsync(new Uri("/artifacts/apache/files/commons-lang.jar", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadGateway, uncached.StatusCode);
        Assert.Equal("Backend not responding", await uncached.Content.ReadAsStringAsync());

        var metrics = await proxy.Host.ScrapeAsync();
        var port = $"server_port=\"{stub.Url.Port}\"";
        Assert.True(SampleHost.MetricValue(metrics, "http_client_request_duration_seconds_count", port, "error_type=\"connection_error\"") >= 1,
            "the outbound call to the stopped backend is recorded with error.type");
        Assert.Equal(1, SampleHost.MetricValue(metrics, "artifact_vault_requests_total", "backend=\"apache\"", "result=\"backend_error\""));

        // The cached artefact is still served although its backend is down.
        using var again = await proxy.Client.GetAsync(new Uri("/artifacts/apache/files/commons-io.jar?bytes=2048", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(cached, await again.Content.ReadAsByteArrayAsync());
    }
}
