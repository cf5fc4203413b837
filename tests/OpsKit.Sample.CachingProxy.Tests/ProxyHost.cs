using Microsoft.AspNetCore.Builder;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// The real sample (<see cref="CachingProxyApp.Create"/>) on Kestrel at 127.0.0.1 through <see cref="SampleHost"/>, with
/// the scenarios' timing (check period 1 s, timeout 2 s), both backends pointed at a stub, and a cache directory of its own.
/// </summary>
internal sealed class ProxyHost : IAsyncDisposable
{
    /// <summary>
    /// The poll limit of waits that are not a scenario's timed step (a start-up, a metric that follows a check); timed
    /// steps go through <see cref="FaultClock"/>, which asserts the scenario's own bound.
    /// </summary>
    public static readonly TimeSpan N = TimeSpan.FromSeconds(8);

    private ProxyHost(SampleHost host, string root, string cacheDirectory)
    {
        Host = host;
        Root = root;
        CacheDirectory = cacheDirectory;
    }

    public SampleHost Host { get; }

    public HttpClient Client => Host.Client;

    /// <summary>A temp directory of this host; <see cref="CacheDirectory"/> is <c>Root/cache</c> unless a test chose another.</summary>
    public string Root { get; }

    public string CacheDirectory { get; }

    public static async Task<ProxyHost> StartAsync(
        Uri backend,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Func<string, string>? cacheDirectory = null)
    {
        var root = Directory.CreateTempSubdirectory("opskit-seed4-").FullName;
        var cache = cacheDirectory?.Invoke(root) ?? Path.Combine(root, "cache");
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["ArtifactVault:CacheDirectory"] = cache,
            ["OpsKit:Resilience:Pipelines:apache:Endpoints:0:Url"] = backend.ToString(),
            ["OpsKit:Resilience:Pipelines:maven:Endpoints:0:Url"] = backend.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        try
        {
            var host = await SampleHost.StartAsync(args => CachingProxyApp.Create(args, configure), merged);
            return new ProxyHost(host, root, cache);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The detailed health JSON (<c>GET /health</c>; the test client is local, so details are shown).</summary>
    public async Task<JsonElement> HealthAsync() => (await Host.GetJsonAsync("/health")).Json;

    /// <summary>Polls <c>/health</c> until check <paramref name="name"/> has <paramref name="status"/>; returns the whole report.</summary>
    public Task<JsonElement> WaitForCheckAsync(string name, string status, TimeSpan? within = null) =>
        Eventually.Until(HealthAsync, health => HasCheck(health, name, status), within ?? N, $"check {name} is {status}");

    /// <summary>The same, as a scenario's timed step: <paramref name="clock"/> asserts the scenario's bound from the fault.</summary>
    public Task<JsonElement> WaitForCheckAsync(string name, string status, FaultClock clock) =>
        clock.UntilAsync(HealthAsync, health => HasCheck(health, name, status), $"check {name} is {status}");

    private static bool HasCheck(JsonElement health, string name, string status) =>
        health.ValueKind == JsonValueKind.Object
        && health.GetProperty("checks").TryGetProperty(name, out var check)
        && check.GetProperty("status").GetString() == status;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
