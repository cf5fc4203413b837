using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0005: an entry with no expiration written to a cache that provably has no SizeLimit (a private field of the
/// same type created with inline options that do not set it). Nothing ever evicts such an entry.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheEntryWithoutExpirationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CacheEntryWithoutExpiration];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var symbols = CacheEntrySymbols.TryCreate(compilationStart.Compilation, compilationStart.Options);
            symbols?.Register(compilationStart, static (context, facts) =>
            {
                foreach (var call in facts.Calls)
                {
                    if (call.Expiration == Evidence.Missing && facts.BoundOf(call.Field) == CacheBound.Unbounded)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CacheEntryWithoutExpiration, call.Location));
                    }
                }
            });
        });
    }
}
