using System.Text.RegularExpressions;

namespace OpsKit.Tests.Architecture;

/// <summary>
/// The folders of src/OpsKit are capabilities (Caching, Health, Probes, Resilience, Security, Slo, Telemetry) on one hosting
/// core (Hosting). Read from the sources' <c>using</c> directives and fully-qualified <c>OpsKit.X.Internal.</c>
/// references: a capability may use the hosting core and another capability's public API, never another
/// capability's <c>Internal</c> namespace, and the folders form no cycle.
/// </summary>
public sealed partial class CapabilityDependencyTests
{
    private const string HostingCore = "Hosting";

    private static readonly IReadOnlyList<Import> Imports = ReadImports();

    [Fact]
    public void No_capability_imports_another_capabilitys_internal_namespace()
    {
        var offending = Imports
            .Where(i => i.To != HostingCore && i.Namespace.Split('.').Contains("Internal"))
            .Select(i => $"{i.File}: {i.Namespace}")
            .ToList();

        Assert.True(offending.Count == 0, "Cross-capability Internal imports:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void The_hosting_core_imports_no_capability()
    {
        var offending = Imports.Where(i => i.From == HostingCore).Select(i => $"{i.File}: {i.Namespace}").ToList();

        Assert.True(offending.Count == 0, "Hosting imports capabilities:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Capability_folders_form_no_dependency_cycle()
    {
        var edges = Imports.GroupBy(i => i.From).ToDictionary(g => g.Key, g => g.Select(i => i.To).Distinct().ToList());
        var cycle = FindCycle(edges);

        Assert.True(
            cycle is null,
            cycle is null ? string.Empty : "Folder cycle " + string.Join(" -> ", cycle) + ":\n" + string.Join("\n", Witnesses(cycle)));
    }

    [Fact]
    public void Every_capability_builds_on_the_hosting_core()
    {
        var capabilities = Directory.GetDirectories(SourceRoot()).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or HostingCore))
            .ToList();
        var onCore = Imports.Where(i => i.To == HostingCore).Select(i => i.From).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(capabilities);
        Assert.All(capabilities, c => Assert.Contains(c, onCore));
    }

    private static IEnumerable<string> Witnesses(List<string> cycle)
    {
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            var import = Imports.First(x => x.From == cycle[i] && x.To == cycle[i + 1]);
            yield return $"{import.File}: {import.Namespace}";
        }
    }

    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            var onPath = path.IndexOf(node);
            if (onPath >= 0)
            {
                return [.. path.Skip(onPath), node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    private static List<Import> ReadImports()
    {
        var root = SourceRoot();
        var capabilities = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj"))
            .ToHashSet(StringComparer.Ordinal);
        var imports = new List<Import>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var from = relative.Split('/')[0];
            if (!capabilities.Contains(from))
            {
                continue;
            }

            var code = string.Join('\n', File.ReadLines(file).Select(WithoutComment));
            var namespaces = UsingDirective().Matches(code).Select(m => m.Groups["ns"].Value)
                .Concat(QualifiedInternalReference().Matches(code).Select(m => m.Groups["ns"].Value));
            foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
            {
                var to = ns.Split('.')[1];
                if (to != from && capabilities.Contains(to))
                {
                    imports.Add(new Import("src/OpsKit/" + relative, from, to, ns));
                }
            }
        }

        Assert.NotEmpty(imports);
        return imports;
    }

    private static string WithoutComment(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    private static string SourceRoot() => RepositoryPaths.Combine("src", "OpsKit");

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<ns>OpsKit(?:\.\w+)+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?<ns>OpsKit\.\w+(?:\.\w+)*?\.Internal)\.\w")]
    private static partial Regex QualifiedInternalReference();

    private sealed record Import(string File, string From, string To, string Namespace);
}
