using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Field.Analysis;

/// <summary>The analyzers of one run: OpsKit's from the given assembly (narrowed to the selected rules) and Meziantou's.</summary>
internal sealed class AnalyzerSet
{
    private AnalyzerSet(ImmutableArray<DiagnosticAnalyzer> opsKit, ImmutableArray<DiagnosticAnalyzer> meziantou, IReadOnlySet<string> rules)
    {
        OpsKit = opsKit;
        Meziantou = meziantou;
        Rules = rules;
    }

    public ImmutableArray<DiagnosticAnalyzer> OpsKit { get; }

    /// <summary>Meziantou analyzers with at least one rule enabled by default (the others never run for a user).</summary>
    public ImmutableArray<DiagnosticAnalyzer> Meziantou { get; }

    /// <summary>The OpsKit rule ids measured.</summary>
    public IReadOnlySet<string> Rules { get; }

    public ImmutableArray<DiagnosticAnalyzer> All => OpsKit.AddRange(Meziantou);

    /// <summary>OpsKit descriptors off by default are switched on: the runner measures every selected rule.</summary>
    public ImmutableDictionary<string, ReportDiagnostic> ForcedDiagnostics =>
        OpsKit.SelectMany(a => a.SupportedDiagnostics)
            .Where(d => !d.IsEnabledByDefault && Rules.Contains(d.Id))
            .Select(d => d.Id)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn);

    /// <summary>Analyzers already instantiated (the self-check's), all their OPS rules measured, no Meziantou.</summary>
    public static AnalyzerSet Of(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => new(analyzers, [], analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal));

    public static string Name(DiagnosticAnalyzer analyzer) => analyzer.GetType().Name;

    public static AnalyzerSet Load(string opsKitPath, string? meziantouPath, IReadOnlySet<string>? onlyRules)
    {
        var loader = new AnalyzerAssemblyLoader();
        var opsKit = new AnalyzerFileReference(Path.GetFullPath(opsKitPath), loader).GetAnalyzers(LanguageNames.CSharp);
        if (opsKit.IsEmpty)
        {
            throw new InvalidOperationException($"No C# analyzers in {opsKitPath}.");
        }

        var allRules = opsKit.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Where(id => id.StartsWith("OPS", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var rules = onlyRules is null ? allRules : allRules.Where(onlyRules.Contains).ToHashSet(StringComparer.Ordinal);
        var unknown = onlyRules?.Where(r => !allRules.Contains(r)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{opsKitPath} has no rule {string.Join(", ", unknown)}.");
        }

        var selected = opsKit.Where(a => a.SupportedDiagnostics.Any(d => rules.Contains(d.Id))).OrderBy(Name, StringComparer.Ordinal).ToImmutableArray();
        var meziantou = ImmutableArray<DiagnosticAnalyzer>.Empty;
        if (meziantouPath is not null)
        {
            meziantou = new AnalyzerFileReference(Path.GetFullPath(meziantouPath), loader).GetAnalyzers(LanguageNames.CSharp)
                .Where(a => a.SupportedDiagnostics.Any(d => d.IsEnabledByDefault))
                .OrderBy(Name, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        return new AnalyzerSet(selected, meziantou, rules);
    }
}
