namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>The sample's <c>ops</c> policy: operators on the machine itself, never a caller relayed by a proxy on it.</summary>
public sealed class OpsCachesAccessTests
{
    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("X-Client-IP", "203.0.113.7")]
    [InlineData("True-Client-IP", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task A_request_relayed_by_a_proxy_on_this_host_cannot_clear_the_cache(string header, string value)
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url);
        await proxy.Client.GetByteArrayAsync(new Uri("/artifacts/maven/files/a.jar?bytes=1024", UriKind.Relative));

        using var relayed = new HttpRequestMessage(HttpMethod.Post, "/ops/caches/artifacts/clear");
        relayed.Headers.Add(header, value);
        using var refused = await proxy.Client.SendAsync(relayed);
        using var direct = await proxy.Client.PostAsync(new Uri("/ops/caches/artifacts/clear", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal("""{"cache":"artifacts","cleared":1}""", await direct.Content.ReadAsStringAsync());
    }
}
