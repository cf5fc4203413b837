using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Rules;

namespace OpsKit.Benchmarks.Analyzers;

/// <summary>The analyzers measured: every OpsKit rule, a sample of Meziantou.Analyzer rules, and a baseline.</summary>
public static class AnalyzerCatalog
{
    /// <summary>Meziantou rules of comparable shapes: invocation/operation rules, symbol rules, a symbol start/end rule.</summary>
    public static readonly string[] MeziantouRules =
    [
        "UseConfigureAwaitAnalyzer",                      // MA0004, await operations
        "UseStringComparisonAnalyzer",                    // MA0001/MA0074, invocations
        "UseIFormatProviderAnalyzer",                     // MA0011, invocations
        "UseStringComparerAnalyzer",                      // MA0002, invocations and object creations
        "AvoidClosureWhenUsingConcurrentDictionaryAnalyzer", // MA0105/MA0106, invocations
        "DoNotUseBlockingCallInAsyncContextAnalyzer",     // MA0045/MA0042, invocations in async context
        "ClassMustBeSealedAnalyzer",                      // MA0053, symbols
        "DoNotUseNotYetInitializedStaticFieldAnalyzer",   // MA0169, symbol start/end
    ];

    public static readonly Dictionary<string, Func<DiagnosticAnalyzer>> OpsKit = new(StringComparer.Ordinal)
    {
        ["OPS0001 MissingHealthEndpoint"] = () => new MissingHealthEndpointAnalyzer(),
        ["OPS0002 UnmappedHealthChecks"] = () => new UnmappedHealthChecksAnalyzer(),
        ["OPS0003 UnboundedMemoryCache"] = () => new UnboundedMemoryCacheAnalyzer(),
        ["OPS0004 CacheEntryWithoutSize"] = () => new CacheEntryWithoutSizeAnalyzer(),
        ["OPS0005 CacheEntryWithoutExpiration"] = () => new CacheEntryWithoutExpirationAnalyzer(),
        ["OPS0006 UnboundedDictionaryCache"] = () => new UnboundedDictionaryCacheAnalyzer(),
        ["OPS0007 ConnectionMultiplexerPerOperation"] = () => new ConnectionMultiplexerPerOperationAnalyzer(),
        ["OPS0008 DependencyCheckTaggedLive"] = () => new DependencyCheckTaggedLiveAnalyzer(),
        ["OPS0009 UndisposedDbConnection"] = () => new UndisposedDbConnectionAnalyzer(),
    };

    private static readonly Lazy<Assembly> Meziantou = new(() =>
        Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "meziantou", "Meziantou.Analyzer.dll")));

    /// <summary>Every measured analyzer; OPSKIT_BENCH_ONLY (comma-separated name prefixes) narrows the list.</summary>
    public static IEnumerable<string> All
    {
        get
        {
            var all = new[] { "Baseline (empty operation action)" }.Concat(OpsKit.Keys).Concat(MeziantouRules.Select(r => "MA " + r));
            var only = Environment.GetEnvironmentVariable("OPSKIT_BENCH_ONLY");
            return string.IsNullOrWhiteSpace(only)
                ? all
                : all.Where(name => only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    public static DiagnosticAnalyzer Create(string name)
    {
        if (name.StartsWith("Baseline", StringComparison.Ordinal))
        {
            return new BaselineAnalyzer();
        }

        if (OpsKit.TryGetValue(name, out var factory))
        {
            return factory();
        }

        var typeName = name["MA ".Length..];
        var type = Meziantou.Value.GetTypes().Single(t => t.Name == typeName && typeof(DiagnosticAnalyzer).IsAssignableFrom(t));
        return (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
    }

    /// <summary>Compilation options that enable every descriptor of the analyzer (some Meziantou rules are off by default).</summary>
    public static CompilationWithAnalyzers Prepare(Compilation compilation, DiagnosticAnalyzer analyzer, AnalyzerOptions options, bool logTime)
    {
        var enabled = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn);
        var configured = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(enabled));
        return configured.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: logTime));
    }

    /// <summary>Registers an empty invocation action: the cost every operation-based analyzer pays for binding and operation trees.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class BaselineAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("BASE0001", "Baseline", "Baseline", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
        }
    }
}
