using System;
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

            // Driven by the invoked name: only the code blocks of files that name a cache write (whole word: Set, not
            // Settings) get a callback per invocation, and only a call named like a cache write is bound to an
            // operation, so a compilation pays nothing for the method bodies that never write into a cache.
            var mentionsWrite = new TreeMentions(wholeWord: true, "Set", "GetOrCreate", "GetOrCreateAsync", "CreateEntry");
            compilationStart.RegisterCodeBlockStartAction<SyntaxKind>(blockStart =>
            {
                if (!mentionsWrite.In(blockStart.CodeBlock.SyntaxTree, blockStart.CancellationToken))
                {
                    return;
                }

                blockStart.RegisterSyntaxNodeAction(
                    context =>
                    {
                        var syntax = (InvocationExpressionSyntax)context.Node;
                        if (CacheWrite.IsCandidateName(syntax.GetInvokedName())
                            && context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation
                            && CacheWrite.IsCandidateName(invocation.TargetMethod.Name)
                            && CacheWrite.TryCreate(facts, invocation, context.CancellationToken) is { } write
                            && isMistake(write))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(descriptor, write.Location));
                        }
                    },
                    SyntaxKind.InvocationExpression);
            });
        });
    }
}
