using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Field.Building;

/// <summary>The global analyzer config (build_property.* from CompilerVisibleProperty items) of one project; no per-file options.</summary>
internal sealed class GlobalAnalyzerOptions(ImmutableDictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);
    private readonly Options globalOptions = new(global);

    public override AnalyzerConfigOptions GlobalOptions => globalOptions;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
