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

    [Fact]
    public async Task Sample_checks_its_data_directory_disk_and_memory()
    {
        using var client = factory.CreateClient();
        string body = string.Empty;
        await Eventually.Until(
            async () =>
            {
                using var response = await client.GetAsync("/health");
                body = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(10),
            "the detailed health answers 200");

        using var json = System.Text.Json.JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal(["data", "disk", "memory"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.True(checks.GetProperty("data").GetProperty("data").GetProperty("writable").GetBoolean());
    }
}
