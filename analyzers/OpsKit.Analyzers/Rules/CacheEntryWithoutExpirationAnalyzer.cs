using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0005: an entry with no expiration written into a cache that provably has no SizeLimit: the shared DI cache
/// when the <c>AddMemoryCache</c> registrations of the same compilation leave it unbounded, or a cache created
/// without SizeLimit and kept in a member. Nothing ever evicts such an entry. A key that cannot take many values
/// (a constant, a type, an enum) is one entry per value and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheEntryWithoutExpirationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CacheEntryWithoutExpiration];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CacheWriteAction.Register(
            context,
            Descriptors.CacheEntryWithoutExpiration,
            write => write.Inspect().Expiration == Evidence.Missing
                && write.Bound == CacheBound.Unbounded
                && !write.HasBoundedKey);
    }
}
