using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpsKit.Sample.HttpGateway;

/// <summary>
/// An HttpCG-style gateway client (seed 0): quotes fetched from a gateway with a primary and a backup endpoint through
/// a resilient named client, cached in a bounded memory cache, with the checks HttpCG's operators run by hand.
/// </summary>
public static class HttpGatewayApp
{
    /// <summary>The named HttpClient and the resilience pipeline for the gateway (<c>OpsKit:Resilience:Pipelines:gateway</c>).</summary>
    public const string Gateway = "gateway";

    /// <summary>The named cache for gateway responses (<c>OpsKit:Caching:quotes</c>).</summary>
    public const string QuotesCache = "quotes";

    /// <summary>Builds the app: every registration from configuration, <paramref name="configure"/> just before <c>Build()</c>.</summary>
    /// <param name="args">Command-line arguments (they override appsettings.json).</param>
    /// <param name="configure">A last look at the builder (tests: fake logging or a fake clock).</param>
    /// <returns>The app, endpoints mapped, not started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var root = builder.Environment.ContentRootPath;

        // Paths default under the content root; OpsKit:Health:Checks:<name>:Path overrides them (config wins).
        // The gateway's /health check is declared in appsettings.json (Type http, critical, timeout 2 s).
        builder.Services.AddOpsHealth()
            .AddDirectory("data", Path.Combine(root, "data"))
            .AddCertificates("certificates", Path.Combine(root, "certificates"))
            .AddProcessMemory();

        // Primary and backup endpoints, retry delays, breaker and timeouts from OpsKit:Resilience:Pipelines:gateway.
        builder.Services.AddHttpClient(Gateway).AddOpsResilience(Gateway);
        builder.Services.AddOpsMemoryCache(QuotesCache);
        builder.Services.AddOpsTelemetry();
        builder.Services.AddOpsSecuritySignals();
        builder.Services.AddOpsSlo();

        configure?.Invoke(builder);
        var app = builder.Build();

        app.MapGet("/", () => "HttpCG gateway client sample: GET /api/quotes/{id}; /health/live, /health/ready, /health, /metrics");
        app.MapGet("/api/quotes/{id:int}", GetQuoteAsync);
        app.MapOpsHealth();
        app.MapOpsMetrics();
        return app;
    }

    /// <summary>A quote from the cache, or from the gateway through the resilient client (then cached).</summary>
    private static async Task<IResult> GetQuoteAsync(
        int id,
        IHttpClientFactory clients,
        [FromKeyedServices(QuotesCache)] IMemoryCache cache,
        CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(id, out string? cached) && cached is not null)
        {
            return Results.Content(cached, "application/json");
        }

        var client = clients.CreateClient(Gateway);
        try
        {
            using var response = await client.GetAsync(new Uri($"quotes/{id}", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Results.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: $"The gateway answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            cache.Set(id, body);
            return Results.Content(body, "application/json");
        }
        catch (HttpRequestException)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "No gateway endpoint could be reached.");
        }
        catch (BrokenCircuitException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The gateway circuit is open.");
        }
        catch (TimeoutRejectedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "The gateway did not answer in time.");
        }
    }
}
