// Usage: OpsKit.Checks.Probe <type> [Key=value ...]
// Declares one check named "probe" of <type> in configuration, runs it once and prints
// {"status":…, "category":…, "message":…, "data":{…}} on stdout.
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;

const string Name = "probe";
var settings = new Dictionary<string, string?> { [$"OpsKit:Health:Checks:{Name}:Type"] = args[0] };
foreach (var argument in args.Skip(1))
{
    var equals = argument.IndexOf('=', StringComparison.Ordinal);
    settings[$"OpsKit:Health:Checks:{Name}:{argument[..equals]}"] = argument[(equals + 1)..];
}

var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
services.AddLogging();
services.AddOpsHealth();
await using var provider = services.BuildServiceProvider();
var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
var entry = report.Entries[Name];

using var output = Console.OpenStandardOutput();
using var json = new Utf8JsonWriter(output);
json.WriteStartObject();
json.WriteString("status", entry.Status.ToString());
json.WriteString("category", (entry.Exception as HealthCheckFailureException)?.Category);
json.WriteString("message", entry.Description ?? entry.Exception?.Message);
json.WriteStartObject("data");
foreach (var (key, value) in entry.Data)
{
    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}

json.WriteEndObject();
json.WriteEndObject();
