using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0004: an entry without Size written to a cache that provably has a SizeLimit: a private field of the same type
/// whose every assignment is <c>new MemoryCache(new MemoryCacheOptions { SizeLimit = … })</c>. MemoryCache throws
/// for such entries at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheEntryWithoutSizeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CacheEntryWithoutSize];

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
                    if (call.Size == Evidence.Missing && facts.BoundOf(call.Field) == CacheBound.SizeLimited)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CacheEntryWithoutSize, call.Location));
                    }
                }
            });
        });
    }
}
