using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsKit.Testing;

namespace OpsKit.Sample.Api.Tests;

public sealed class SampleTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task Fresh_sample_answers_200_without_postgres_or_redis(string path)
    {
        using var client = factory.CreateClient();
        HttpStatusCode code = default;
        await Eventually.Until(
            async () => (code = (await client.GetAsync(path)).StatusCode) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10),
            path + " answers 200");
        Assert.Equal(HttpStatusCode.OK, code);
    }
}
