using System.Globalization;
using System.Net;
using OpsKit.Testing;
using static OpsKit.Sample.HttpGateway.Tests.GatewayHost;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>S0-T6 "High response times (>5s)" / SLO: the sample's quotes objective (p95 500 ms) with a gateway that answers in 600 ms.</summary>
public sealed class S0T6SloTests
{
    [Fact]
    public async Task S0_T6_slow_quotes_breach_the_p95_objective_and_the_histogram_has_the_seed_buckets()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        // Each quote is fetched once (distinct ids, nothing cached), so every request waits for the gateway.
        gateway.QuoteDelay = TimeSpan.FromMilliseconds(600);
        await using var host = await StartAsync(Settings(gateway, root.Path));

        for (var batch = 0; batch < 5; batch++)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => host.GetStatusAsync($"/api/quotes/{1000 + (batch * 10) + i}")));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        }

        var (_, body) = await Eventually.Until(
            () => host.GetJsonAsync("/health"),
            r => r.Json.GetProperty("slo").GetProperty("quotes").GetProperty("requests").GetInt64() >= 50,
            TimeSpan.FromSeconds(15),
            "the SLO section counts the 50 quote requests");
        var slo = body.GetProperty("slo").GetProperty("quotes");
        var p95 = slo.GetProperty("targets").GetProperty("p95");
        Assert.True(p95.GetProperty("value").GetDouble() >= 0.5, $"p95 = {p95.GetProperty("value").GetDouble()} s");
        Assert.Equal(0.5, p95.GetProperty("critical").GetDouble());
        Assert.Equal("critical", p95.GetProperty("state").GetString());
        Assert.Equal("critical", slo.GetProperty("state").GetString());

        var series = (await host.ScrapeAsync()).Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
                && l.Contains("http_route=\"/api/quotes/{id:int}\"", StringComparison.Ordinal))
            .Select(l => (Labels: l[..l.IndexOf('}', StringComparison.Ordinal)], Le: Bound(l)))
            .GroupBy(b => b.Labels.Replace($"le=\"{b.Le}\"", string.Empty, StringComparison.Ordinal), StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.Equal(["0.1", "0.5", "1", "2.5", "5", "10", "+Inf"], s.Select(b => b.Le)));
    }

    private static string Bound(string line)
    {
        var start = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
        return line[start..line.IndexOf('"', start)];
    }
}
