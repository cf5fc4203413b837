using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Post_is_not_retried_by_default()
    {
        await using var stub = await StubServer.StartAsync();
        stub.Status = 503;
        using var services = Build(Config("post-default", stub), "post-default");
        using var client = services.Client("post-default");

        using var response = await client.PostAsync("/status", new StringContent("order"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(1, stub.Hits("/status"));
    }

    [Fact]
    public async Task Get_is_retried()
    {
        await using var stub = await StubServer.StartAsync();
        stub.Status = 503;
        using var services = Build(Config("get-retried", stub), "get-retried");
        using var client = services.Client("get-retried");

        using var response = await client.GetAsync("/status");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(3, stub.Hits("/status"));
    }

    [Fact]
    public async Task Post_with_an_idempotency_key_is_retried()
    {
        await using var stub = await StubServer.StartAsync();
        stub.Status = 503;
        using var services = Build(Config("post-keyed", stub), "post-keyed");
        using var client = services.Client("post-keyed");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = new StringContent("order") };
        request.Headers.Add("Idempotency-Key", "order-42");

        using var response = await client.SendAsync(request);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(3, stub.Hits("/status"));
    }

    [Fact]
    public async Task Post_is_retried_when_the_pipeline_allows_it()
    {
        await using var stub = await StubServer.StartAsync();
        stub.Status = 503;
        var config = Config("post-allowed", stub);
        config[Key("post-allowed", "Retry:RetryNonIdempotent")] = "true";
        using var services = Build(config, "post-allowed");
        using var client = services.Client("post-allowed");

        using var response = await client.PostAsync("/status", new StringContent("order"));

        Assert.Equal(3, stub.Hits("/status"));
    }

    private static Dictionary<string, string?> Config(string pipeline, StubServer stub) => new()
    {
        [Key(pipeline, "Endpoints:0:Url")] = stub.Url.ToString(),
        [Key(pipeline, "Retry:Delays:0")] = "00:00:00.010",
        [Key(pipeline, "Retry:Delays:1")] = "00:00:00.010",
        [Key(pipeline, "CircuitBreaker:Enabled")] = "false",
    };
}
