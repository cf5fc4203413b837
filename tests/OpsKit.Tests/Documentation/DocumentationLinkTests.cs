using System.Text.RegularExpressions;

namespace OpsKit.Tests.Documentation;

/// <summary>The analyzer index links every rule page, and relative links in docs/ lead to files and headings that exist.</summary>
public sealed partial class DocumentationLinkTests
{
    [Fact]
    public void Analyzer_index_links_every_rule_page()
    {
        var docs = Path.Combine(RepositoryPaths.Root, "docs");
        var index = File.ReadAllText(Path.Combine(docs, "analyzers.md"));
        var missing = Directory.EnumerateFiles(Path.Combine(docs, "rules"), "OPS*.md")
            .Select(Path.GetFileName)
            .Where(page => !index.Contains($"](rules/{page})", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "docs/analyzers.md does not link: " + string.Join(", ", missing));
    }

    [Fact]
    public void Relative_links_in_docs_lead_to_existing_files_and_headings()
    {
        var docs = Path.Combine(RepositoryPaths.Root, "docs");
        var broken = new List<string>();
        foreach (var file in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories))
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                var where = $"{Path.GetRelativePath(docs, file)}: {target}";
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    broken.Add(where);
                }
                else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
                {
                    broken.Add(where + " (no such heading)");
                }
            }
        }

        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    /// <summary>GitHub's heading anchors: lowercase, punctuation other than '-' and '_' removed, spaces to '-'.</summary>
    private static HashSet<string> Anchors(string file) =>
        File.ReadLines(file)
            .Where(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim().ToLowerInvariant())
            .Select(heading => AnchorPunctuation().Replace(heading, string.Empty).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"[^\p{L}\p{N}\s_-]")]
    private static partial Regex AnchorPunctuation();
}
