using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Testing;

/// <summary>
/// Runs a sample's own <c>Create(args)</c> on real Kestrel at 127.0.0.1 with a random port. Settings are passed as
/// command-line arguments (<c>--key=value</c>), the source that wins over appsettings.json and environment variables,
/// exactly as an operator would override them.
/// </summary>
public sealed class SampleHost : IAsyncDisposable
{
    private SampleHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The running sample.</summary>
    public WebApplication App { get; }

    /// <summary>The sample's services, for a test that holds what the app holds (a pooled connection, a cache).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The address Kestrel listens on.</summary>
    public Uri Address { get; }

    /// <summary>A client for <see cref="Address"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>Builds the sample with <paramref name="settings"/> as command-line arguments and starts it.</summary>
    public static async Task<SampleHost> StartAsync(
        Func<string[], WebApplication> create,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Production",
            // Tests stop hosts often: no shutdown delay unless a test asks for one.
            ["OpsKit:Health:ShutdownDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var args = merged.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
        var app = create(args);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            // A host that failed to start must not live on: its meters would report into other tests' exporters.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SampleHost(app, new Uri(address));
    }

    /// <summary>GETs <paramref name="path"/> and returns the status code and the parsed JSON body (default when the body is not JSON).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json)> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            return (response.StatusCode, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return (response.StatusCode, default);
        }
    }

    /// <summary>GETs <paramref name="path"/> and returns only the status code.</summary>
    public async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Scrapes <c>/metrics</c> and returns the Prometheus text.</summary>
    public async Task<string> ScrapeAsync()
    {
        using var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The value of the first series named <paramref name="metric"/> in Prometheus text whose labels include every
    /// <c>name="value"</c> pair in <paramref name="labels"/>; null when there is none.
    /// </summary>
    public static double? MetricValue(string prometheusText, string metric, params string[] labels)
    {
        foreach (var value in MatchingValues(prometheusText, metric, labels))
        {
            return value;
        }

        return null;
    }

    /// <summary>
    /// The sum of every series named exactly <paramref name="metric"/> whose labels include every <c>name="value"</c>
    /// pair in <paramref name="labels"/>; 0 when there is none.
    /// </summary>
    public static double MetricSum(string prometheusText, string metric, params string[] labels) =>
        MatchingValues(prometheusText, metric, labels).Sum();

    private static IEnumerable<double> MatchingValues(string prometheusText, string metric, string[] labels)
    {
        ArgumentNullException.ThrowIfNull(prometheusText);
        foreach (var line in prometheusText.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            var labelEnd = rest[0] == '{' ? rest.LastIndexOf('}') : -1; // label values may contain braces (route templates)
            var labelText = labelEnd > 0 ? rest[..labelEnd] : string.Empty;
            if (!labels.All(l => labelText.Contains(l, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = rest[(labelEnd + 1)..].Trim().Split(' ')[0];
            yield return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(stop.Token).ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
