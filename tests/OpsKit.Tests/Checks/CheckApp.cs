using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;

namespace OpsKit.Tests.Checks;

/// <summary>Starts a real app whose checks run every 200 ms and reads one check's entry from the detailed JSON.</summary>
internal static class CheckApp
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    public static Task<TestApp> StartAsync(Action<OpsHealthBuilder> add, IDictionary<string, string?>? configuration = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:00.200",
            ["OpsKit:Health:Details"] = "Always",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestApp.StartAsync(
            b =>
            {
                services?.Invoke(b.Services);
                add(b.Services.AddOpsHealth());
            },
            settings);
    }

    public static async Task<JsonElement> CheckAsync(this TestApp app, string name)
    {
        var details = await app.Client.GetJsonAsync("/health");
        return details.Body.GetProperty("checks").GetProperty(name);
    }

    /// <summary>Polls the detailed JSON until the check has <paramref name="status"/>, and returns its entry.</summary>
    public static Task<JsonElement> WaitForAsync(this TestApp app, string name, string status, Func<JsonElement, bool>? also = null, TimeSpan? within = null) =>
        Eventually.Until(
            () => app.CheckAsync(name),
            c => c.GetProperty("status").GetString() == status && (also?.Invoke(c) ?? true),
            within ?? Within,
            $"check {name} is {status}");

    public static string? Category(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("category").GetString() : null;

    public static string? Message(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() : null;

    public static JsonElement Data(this JsonElement check) => check.GetProperty("data");
}
