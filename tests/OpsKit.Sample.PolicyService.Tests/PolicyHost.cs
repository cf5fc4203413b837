using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>Starts the real sample (<see cref="PolicyServiceApp.Create"/>) on Kestrel with the scenario timing and helpers.</summary>
internal static class PolicyHost
{
    /// <summary>
    /// The sample against the fixture's database, with check period 1 s and timeout 2 s (requirements: N = 4 s) and the
    /// maintenance flag file at a fresh temp path (never the real <c>/tmp/maintenance_mode</c>).
    /// </summary>
    public static Task<SampleHost> StartAsync(PolicyDatabaseFixture database, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:policydb"] = database.ConnectionString,
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:MaintenanceFile"] = database.TempPath("maintenance_mode"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return SampleHost.StartAsync(args => PolicyServiceApp.Create(args), all);
    }

    /// <summary>Waits until every check has run and the service is ready (the database answers).</summary>
    public static Task WaitUntilReadyAsync(SampleHost host) => Eventually.Until(
        async () => await host.GetStatusAsync("/health/ready") == System.Net.HttpStatusCode.OK,
        TimeSpan.FromSeconds(10),
        "/health/ready answers 200");

    public static async Task<int> EvaluateAsync(SampleHost host, string policy, string role = "admin")
    {
        using var content = new StringContent(
            string.Create(CultureInfo.InvariantCulture, $$$"""{"policy":"{{{policy}}}","input":{"role":"{{{role}}}"}}"""),
            Encoding.UTF8,
            "application/json");
        using var response = await host.Client.PostAsync(new Uri("/policies/evaluate", UriKind.Relative), content);
        return (int)response.StatusCode;
    }

    public static async Task<int> LoginAsync(SampleHost host, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/login", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await host.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>The detailed JSON's entry for <paramref name="check"/>.</summary>
    public static async Task<JsonElement> CheckAsync(SampleHost host, string check)
    {
        var (_, json) = await host.GetJsonAsync("/health");
        return json.GetProperty("checks").GetProperty(check);
    }
}
