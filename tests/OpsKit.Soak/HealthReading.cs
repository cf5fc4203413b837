using System.Text.Json;

namespace OpsKit.Soak;

/// <summary>One read of the sample's detailed <c>/health</c> JSON: the overall status and each check's status.</summary>
internal sealed record HealthReading(string Status, IReadOnlyDictionary<string, string> Checks)
{
    public static readonly HealthReading Unanswered = new("unanswered", new Dictionary<string, string>());

    public bool AllHealthy => Status == "Healthy" && Checks.Values.All(status => status == "Healthy");

    public static async Task<HealthReading> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var checks = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var check in json.RootElement.GetProperty("checks").EnumerateObject())
            {
                checks[check.Name] = check.Value.GetProperty("status").GetString() ?? string.Empty;
            }

            return new HealthReading(json.RootElement.GetProperty("status").GetString() ?? string.Empty, checks);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException)
        {
            return Unanswered;
        }
    }

    public string StatusOf(string check) => Checks.TryGetValue(check, out var status) ? status : "missing";
}
