namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// Unique query strings are unique cache keys: the cache's reported size must count what each entry holds (key, content
/// type, body), so its bound bounds memory, and query strings are bounded in length.
/// </summary>
public sealed class CacheAccountingTests
{
    private const int Body = 64;
    private const long SizeLimit = 1024 * 1024;

    [Fact]
    public async Task Thousands_of_unique_long_query_strings_keep_the_reported_cache_size_at_least_the_bytes_held_and_within_the_bound()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url, new Dictionary<string, string?>
        {
            ["OpsKit:Caching:artifacts:SizeLimit"] = SizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await RequestUniqueAsync(proxy, "warmup", 200);
        await ClearAsync(proxy);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var keyLength = await RequestUniqueAsync(proxy, "flood", 4000);

        var artifacts = await StatsAsync(proxy);
        var entries = artifacts.GetProperty("entries").GetInt64();
        var size = artifacts.GetProperty("size").GetInt64();
        Assert.InRange(entries, 1, 4000);
        // What the entries hold at the least: the key and the content type in UTF-16, and the body.
        var held = entries * ((2L * (keyLength + "application/java-archive".Length)) + Body);
        Assert.True(size >= held, $"reported size {size} B for {entries} entries holding at least {held} B");
        Assert.InRange(size, 0, SizeLimit);
        // And what the process really holds for them (managed heap after a full collection, not RSS) stays within the bound.
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Assert.True(heapGrowth <= SizeLimit + (256 * 1024), $"the managed heap grew by {heapGrowth} B with a {SizeLimit} B cache bound");
    }

    [Fact]
    public async Task A_6_KB_query_string_answers_414_without_reaching_the_backend_or_the_cache()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url);

        using var response = await proxy.Client.GetAsync(new Uri("/artifacts/maven/files/a.jar?bytes=64&pad=" + new string('x', 6 * 1024), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal(0, stub.Hits("/files/a.jar"));
        Assert.Equal(0, (await StatsAsync(proxy)).GetProperty("entries").GetInt64());
    }

    /// <summary>Requests <paramref name="count"/> artefacts under unique 250-character query strings; returns the cache key length.</summary>
    private static async Task<int> RequestUniqueAsync(ProxyHost proxy, string tag, int count)
    {
        const string path = "files/a.jar";
        var keyLength = 0;
        for (var i = 0; i < count; i++)
        {
            var query = $"?bytes={Body}&{tag}={i}&pad=";
            query += new string('x', 250 - query.Length);
            var body = await proxy.Client.GetByteArrayAsync(new Uri("/artifacts/maven/" + path + query, UriKind.Relative));
            Assert.Equal(Body, body.Length);
            keyLength = "maven/".Length + path.Length + query.Length;
        }

        return keyLength;
    }

    private static async Task ClearAsync(ProxyHost proxy)
    {
        using var response = await proxy.Client.PostAsync(new Uri("/ops/caches/artifacts/clear", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<JsonElement> StatsAsync(ProxyHost proxy) =>
        (await proxy.Host.GetJsonAsync("/ops/caches")).Json.GetProperty("caches").GetProperty("artifacts");
}
