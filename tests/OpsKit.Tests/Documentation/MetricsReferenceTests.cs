using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Tests.Telemetry;

namespace OpsKit.Tests.Documentation;

/// <summary>
/// docs/metrics.md lists every instrument of the OpsKit meter, with its Prometheus series, type and unit, and lists
/// nothing else. Checked against the instruments a host with every capability (and both integration packages) actually
/// publishes: each instrument's name, unit and description are written once, where it is created.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class MetricsReferenceTests
{
    [Fact]
    public void Documented_prometheus_series_follow_the_exporter_naming()
    {
        var wrong = Rows()
            .Where(r => r.Series != ExpectedSeries(r.Instrument, r.Unit, r.Type))
            .Select(r => $"{r.Instrument}: documented {r.Series}, exporter renders {ExpectedSeries(r.Instrument, r.Unit, r.Type)}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_host_with_every_capability_publishes_exactly_the_documented_instruments_with_their_types_and_units()
    {
        var published = await EveryCapabilityHost.PublishedInstrumentsAsync();

        var rows = Rows().ToDictionary(r => r.Instrument, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var instrument in published)
        {
            if (!rows.TryGetValue(instrument.Name, out var row))
            {
                problems.Add($"{instrument.Name} is published but not documented");
                continue;
            }

            if (row.Type != EveryCapabilityHost.Kind(instrument))
            {
                problems.Add($"{instrument.Name} is a {EveryCapabilityHost.Kind(instrument)}, documented as {row.Type}");
            }

            if (row.Unit != (instrument.Unit ?? "—"))
            {
                problems.Add($"{instrument.Name} has unit {instrument.Unit ?? "—"}, documented as {row.Unit}");
            }
        }

        var names = published.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(rows.Keys.Where(n => !names.Contains(n)).Select(n => $"{n} is documented but this host did not publish it"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string ExpectedSeries(string instrument, string unit, string type)
    {
        var name = instrument.Replace('.', '_');
        name += unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => string.Empty, // "1" and {annotations} add no suffix
        };
        return type == "counter" ? name + "_total" : name;
    }

    private static List<Row> Rows()
    {
        var path = RepositoryPaths.Combine("docs", "metrics.md");
        return File.ReadLines(path)
            .Select(line => InstrumentRow().Match(line))
            .Where(m => m.Success)
            .Select(m => new Row(m.Groups["instrument"].Value, m.Groups["series"].Value, m.Groups["type"].Value.Trim(), m.Groups["unit"].Value.Trim()))
            .ToList();
    }

    private sealed record Row(string Instrument, string Series, string Type, string Unit);

    [GeneratedRegex(@"^\| `(?<instrument>opskit\.[a-z0-9._]+)` \| `(?<series>[a-z0-9_]+)` \| (?<type>[^|]+) \| (?<unit>[^|]+) \|")]
    private static partial Regex InstrumentRow();
}
