using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>Feeds MSBuild properties (global options) and .editorconfig entries to the analyzers without a workspace.</summary>
internal sealed class TestAnalyzerConfigOptionsProvider(ImmutableDictionary<string, string> global, ImmutableDictionary<string, string> perTree)
    : AnalyzerConfigOptionsProvider
{
    private readonly Options _perTree = new(perTree);

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _perTree;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _perTree;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values = values.WithComparers(KeyComparer);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
