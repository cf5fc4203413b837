using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0004: an entry without Size written into a cache that provably has a SizeLimit: the shared DI cache when an
/// <c>AddMemoryCache</c> of the same compilation sets one, or a cache created with <c>SizeLimit</c> and kept in a
/// member, whichever class writes into it. MemoryCache throws for such entries at run time. Before the caching package
/// is restored, an unbound <c>Set(key, value)</c> on a member that visibly holds a size-limited cache is reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheEntryWithoutSizeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CacheEntryWithoutSize];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CacheWriteAction.Register(
            context,
            Descriptors.CacheEntryWithoutSize,
            write => write.Bound == CacheBound.SizeLimited && write.Inspect().Size == Evidence.Missing,
            (compilationStart, files) => UnresolvedCacheWrite.Register(compilationStart, files, Descriptors.CacheEntryWithoutSize));
    }
}
