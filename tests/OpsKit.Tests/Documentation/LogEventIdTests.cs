using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace OpsKit.Tests.Documentation;

/// <summary>
/// The <c>[LoggerMessage]</c> event ids of the shipped assemblies: unique across OpsKit, OpsKit.Npgsql and OpsKit.Redis,
/// each inside the range docs/logging.md gives its capability, and each listed there with its event name and level.
/// </summary>
public sealed partial class LogEventIdTests
{
    private static readonly Assembly[] Shipped = [.. new[] { "OpsKit", "OpsKit.Npgsql", "OpsKit.Redis" }.Select(name => Assembly.Load(new AssemblyName(name)))];

    [Fact]
    public void Every_event_id_is_used_once_across_the_shipped_assemblies()
    {
        var reused = Events().GroupBy(e => e.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}")
            .ToList();

        Assert.True(reused.Count == 0, "event ids used more than once:\n" + string.Join("\n", reused));
    }

    [Fact]
    public void Every_event_id_is_inside_the_range_of_its_capability()
    {
        var ranges = Ranges();

        var wrong = Events()
            .Select(e => (Event: e, Range: ranges.Where(r => r.Namespaces.Any(n => e.Namespace == n || e.Namespace.StartsWith(n + ".", StringComparison.Ordinal)))
                .MaxBy(r => r.Namespaces.Max(n => n.Length))))
            .Where(x => x.Range is null || x.Event.Id < x.Range.First || x.Event.Id > x.Range.Last)
            .Select(x => x.Range is null
                ? $"{x.Event.Method} ({x.Event.Id}): no range in docs/logging.md for namespace {x.Event.Namespace}"
                : $"{x.Event.Method} ({x.Event.Id}): outside {x.Range.First}–{x.Range.Last} of {string.Join(", ", x.Range.Namespaces)}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Ranges_do_not_overlap()
    {
        var ranges = Ranges().OrderBy(r => r.First).ToList();

        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.Last < pair.Second.First, $"{pair.First.First}–{pair.First.Last} overlaps {pair.Second.First}–{pair.Second.Last}"));
    }

    [Fact]
    public void Docs_list_exactly_the_events_with_their_names_and_levels()
    {
        var documented = DocRows(EventRow()).Select(m => $"{m.Groups["id"].Value} {m.Groups["name"].Value} {m.Groups["level"].Value.Trim()}");
        var shipped = Events().OrderBy(e => e.Id).Select(e => $"{e.Id} {e.Name} {e.Level}");

        Assert.Equal(shipped, documented);
    }

    private static List<LogEvent> Events() =>
        [.. Shipped
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => (Type: t, Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(x => x.Attribute is not null)
            .Select(x => new LogEvent(
                x.Attribute!.EventId,
                x.Attribute.EventName ?? x.Method.Name,
                x.Attribute.Level.ToString(),
                x.Type.Namespace ?? string.Empty,
                $"{x.Type.FullName}.{x.Method.Name}"))];

    private static List<EventIdRange> Ranges() =>
        [.. DocRows(RangeRow()).Select(m => new EventIdRange(
            int.Parse(m.Groups["first"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups["last"].Value, System.Globalization.CultureInfo.InvariantCulture),
            [.. NamespaceName().Matches(m.Groups["namespaces"].Value).Select(n => n.Groups[1].Value)]))];

    private static IEnumerable<Match> DocRows(Regex row)
    {
        var path = RepositoryPaths.Combine("docs", "logging.md");
        return File.ReadLines(path).Select(line => row.Match(line)).Where(m => m.Success).ToList();
    }

    private sealed record LogEvent(int Id, string Name, string Level, string Namespace, string Method);

    private sealed record EventIdRange(int First, int Last, IReadOnlyList<string> Namespaces);

    [GeneratedRegex(@"^\| (?<first>\d+)–(?<last>\d+) \| (?<namespaces>`[^|]+) \|")]
    private static partial Regex RangeRow();

    [GeneratedRegex(@"^\| (?<id>\d+) \| `(?<name>\w+)` \| (?<level>\w+) \|")]
    private static partial Regex EventRow();

    [GeneratedRegex("`([A-Za-z.]+)`")]
    private static partial Regex NamespaceName();
}
