using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>The registration OPS0004 and OPS0005 share: each judges the memory-cache writes of a compilation.</summary>
internal static class CacheWriteAction
{
    /// <summary>Reports <paramref name="descriptor"/> on every cache write for which <paramref name="isMistake"/> holds.</summary>
    public static void Register(AnalysisContext context, DiagnosticDescriptor descriptor, Func<CacheWrite, bool> isMistake)
    {
        context.RegisterCompilationStartAction(compilationStart =>
        {
            if (ProjectProperties.IsTestProject(compilationStart.Options) || CacheEntryFacts.For(compilationStart.Compilation) is not { } facts)
            {
                return;
            }

            // Driven by the invoked name: only the files that name a cache write (whole word: Set, not
            // Settings) get a callback per invocation, and only a call named like a cache write is bound to an
            // operation, so a compilation pays nothing for the method bodies that never write into a cache.
            // The write methods are extension methods of Microsoft.Extensions.Caching.Memory (CreateEntry is a member of
            // the cache types): a file that calls them names the cache type or imports that namespace, unless a global
            // using imports it for the whole compilation.
            var mentionsWrite = new TreeMentions(wholeWord: true, "Set", "GetOrCreate", "GetOrCreateAsync", "CreateEntry");
            var mentionsCache = new TreeMentions(wholeWord: false, "MemoryCache", "Caching.Memory");
            var importedEverywhere = new Lazy<bool>(() => HasGlobalCachingImport(compilationStart.Compilation, compilationStart.CancellationToken));
            if (!mentionsWrite.InAny(compilationStart.Compilation, compilationStart.CancellationToken))
            {
                return;
            }

            FileInvocations.Register(
                compilationStart,
                (tree, cancellationToken) => mentionsWrite.In(tree, cancellationToken)
                    && (mentionsCache.In(tree, cancellationToken) || importedEverywhere.Value),
                (context, syntax) =>
                {
                    if (CacheWrite.IsCandidateName(syntax.GetInvokedName())
                        && context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation
                        && CacheWrite.IsCandidateName(invocation.TargetMethod.Name)
                        && CacheWrite.TryCreate(facts, invocation, context.CancellationToken) is { } write
                        && isMistake(write))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(descriptor, write.Location));
                    }
                });
        });
    }

    private static bool HasGlobalCachingImport(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                continue;
            }

            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Name?.ToString().EndsWith("Caching.Memory", StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
