using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Benchmarks.Analyzers;

/// <summary>The MSBuild properties of a web application, as OpsKit.props makes them visible to analyzers.</summary>
internal sealed class BenchmarkOptions : AnalyzerConfigOptionsProvider
{
    public static AnalyzerOptions WebApplication { get; } = new([], new BenchmarkOptions());

    private static readonly Options Global = new(ImmutableDictionary<string, string>.Empty
        .Add("build_property.UsingMicrosoftNETSdkWeb", "true")
        .Add("build_property.IsTestProject", string.Empty)
        .Add("build_property.OutputType", "Exe"));

    private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GlobalOptions => Global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
