using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Rules;

namespace OpsKit.Analyzers.Tests;

/// <summary>Every rule the package ships is documented, release-tracked and linked the same way.</summary>
public sealed partial class RuleCatalogTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    public static TheoryData<string> Descriptors()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Every_descriptor_has_a_unique_id_of_the_OPS_form()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(IdPattern(), id));
        Assert.All(ids, id => Assert.Contains(typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic), f => (string?)f.GetRawConstantValue() == id));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_help_link_points_at_its_doc_page_under_the_base_chosen_at_build_time(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        var baseUrl = typeof(DiagnosticIds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "OpsKitRulesHelpBase").Value;
        Assert.False(string.IsNullOrEmpty(baseUrl));
        Assert.Equal(baseUrl!.TrimEnd('/') + "/" + id + ".md", descriptor.HelpLinkUri);
        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out _));
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
    }

    [Fact]
    public void Help_link_base_defaults_to_the_repository_docs_and_follows_the_OpsKitRulesHelpBase_property()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot, "analyzers", "OpsKit.Analyzers", "OpsKit.Analyzers.csproj"));
        Assert.Contains("<OpsKitRulesHelpBase Condition=\"'$(OpsKitRulesHelpBase)' == ''\">$(RepositoryUrl)/blob/main/docs/rules/</OpsKitRulesHelpBase>", project, StringComparison.Ordinal);
        Assert.Contains("<AssemblyMetadata Include=\"OpsKitRulesHelpBase\" Value=\"$(OpsKitRulesHelpBase)\" />", project, StringComparison.Ordinal);
        Assert.Equal("https://docs.example.test/opskit/rules/OPS0006.md", OpsKit.Analyzers.Descriptors.GetHelpLink("https://docs.example.test/opskit/rules", "OPS0006"));
        Assert.Equal("https://docs.example.test/opskit/rules/OPS0006.md", OpsKit.Analyzers.Descriptors.GetHelpLink("https://docs.example.test/opskit/rules/", "OPS0006"));
    }

    [Fact]
    public void Rules_whose_problem_grows_without_bound_are_warnings_that_dotnet_build_shows()
    {
        Assert.All(
            AllDescriptors().Where(d => d.Id is "OPS0003" or "OPS0005" or "OPS0006"),
            d => Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_has_a_doc_page_with_every_section(string id)
    {
        var path = Path.Combine(RepositoryRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"missing {path}");
        var text = File.ReadAllText(path);
        var title = AllDescriptors().Single(d => d.Id == id).Title.ToString();
        Assert.StartsWith($"# {id}: {title}", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Why", "## Non-compliant code", "## Compliant code", "## Code fix", "## Options", "## When to suppress" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_has_a_release_tracking_entry_with_its_severity(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot, "analyzers", "OpsKit.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepositoryRoot, "analyzers", "OpsKit.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Index_page_links_the_rule(string id)
    {
        var index = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "analyzers.md"));
        Assert.Contains($"(rules/{id}.md)", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_fix_fixes_a_shipped_rule_and_supports_FixAll()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToHashSet();
        var fixes = typeof(MissingHealthEndpointCodeFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.NotEmpty(fixes);
        Assert.All(fixes, fix =>
        {
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.NotNull(fix.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
        });
    }

    [Fact]
    public void Every_analyzer_is_exported_for_CSharp_and_sealed()
    {
        Assert.All(AnalyzerTypes(), type =>
        {
            Assert.True(type.IsSealed, type.Name);
            Assert.Contains(LanguageNames.CSharp, type.GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages);
        });
    }

    private static IEnumerable<Type> AnalyzerTypes()
        => typeof(MissingHealthEndpointAnalyzer).Assembly.GetTypes().Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract);

    private static List<DiagnosticDescriptor> AllDescriptors()
        => [.. AnalyzerTypes().SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (OpsKit.slnx) not found.");
    }

    [GeneratedRegex("^OPS[0-9]{4}$")]
    private static partial Regex IdPattern();
}
