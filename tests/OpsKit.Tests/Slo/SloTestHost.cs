using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Tests.Slo;

/// <summary>A Kestrel app with OpsKit health + SLOs, delayed and failing routes, and a request driver.</summary>
internal static class SloTestHost
{
    public static async Task<TestApp> StartAsync(IDictionary<string, string?> configuration, TimeSpan? delay = null, bool health = true)
    {
        var app = await StartAppAsync(configuration, delay, health);

        // A cold process spends hundreds of milliseconds compiling the request path; warm it outside the request
        // metric so the objectives judge the route's delay, not the JIT.
        await DriveAsync(app.Client, "/warmup", 20);
        return app;
    }

    private static Task<TestApp> StartAppAsync(IDictionary<string, string?> configuration, TimeSpan? delay, bool health) => TestApp.StartAsync(
        b =>
        {
            if (health)
            {
                b.Services.AddOpsHealth();
            }

            b.Services.AddOpsSlo();
        },
        new Dictionary<string, string?>(configuration)
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Details"] = "Always",
        },
        map: app =>
        {
            if (health)
            {
                app.MapOpsHealth();
            }

            var wait = delay ?? TimeSpan.Zero;
            app.MapGet("/slow", () => Task.Delay(wait).ContinueWith(_ => "slow", TaskScheduler.Default));
            app.MapGet("/work", () => Task.Delay(wait).ContinueWith(_ => "work", TaskScheduler.Default));
            app.MapGet("/warmup", () => Task.Delay(1).ContinueWith(_ => "warm", TaskScheduler.Default)).DisableHttpMetrics();
            app.MapGet("/ok", () => "ok");
            app.MapGet("/fail", () => Results.StatusCode(500));
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/throws", string () => throw new InvalidOperationException("boom"));
        });

    /// <summary>Sends <paramref name="count"/> GETs, <paramref name="parallel"/> at a time.</summary>
    public static async Task DriveAsync(HttpClient client, string path, int count, int parallel = 10)
    {
        for (var sent = 0; sent < count; sent += parallel)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(parallel, count - sent)).Select(async _ =>
            {
                using var response = await client.GetAsync(path);
            }));
        }
    }

    /// <summary>Sends <paramref name="count"/> requests one at a time; returns the client-side p95 (nearest rank) of their durations, in seconds.</summary>
    public static async Task<double> DriveOneAtATimeAsync(HttpClient client, string path, int count)
    {
        var seconds = new List<double>(count);
        for (var sent = 0; sent < count; sent++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            seconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        seconds.Sort();
        return seconds[(int)Math.Ceiling(0.95 * seconds.Count) - 1];
    }

    /// <summary>Polls the detailed JSON until the objective has evaluated <paramref name="requests"/> requests; returns its section.</summary>
    public static async Task<JsonElement> SloAfterAsync(TestApp app, string slo, long requests)
    {
        var (_, body, _) = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.GetProperty("slo").GetProperty(slo).GetProperty("requests").GetInt64() >= requests,
            TimeSpan.FromSeconds(15),
            $"the SLO section counts {requests} requests for {slo}");
        return body.GetProperty("slo").GetProperty(slo);
    }
}
