using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0004: an entry without Size written into a cache that provably has a SizeLimit: the shared DI cache when an
/// <c>AddMemoryCache</c> of the same compilation sets one, or a cache created with <c>SizeLimit</c> and kept in a
/// member, whichever class writes into it. MemoryCache throws for such entries at run time.
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
            if (ProjectProperties.IsTestProject(compilationStart.Options) || CacheEntryFacts.For(compilationStart.Compilation) is not { } facts)
            {
                return;
            }

            // Driven by the invoked name in syntax: only a call named like a cache write is bound to an operation.
            compilationStart.RegisterSyntaxNodeAction(
                context =>
                {
                    var syntax = (InvocationExpressionSyntax)context.Node;
                    if (!CacheWrite.IsCandidateName(syntax.GetInvokedName())
                        || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation
                        || !CacheWrite.IsCandidateName(invocation.TargetMethod.Name)
                        || CacheWrite.TryCreate(facts, invocation, context.CancellationToken) is not { } write
                        || write.Bound != CacheBound.SizeLimited
                        || write.Inspect().Size != Evidence.Missing)
                    {
                        return;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CacheEntryWithoutSize, write.Location));
                },
                SyntaxKind.InvocationExpression);
        });
    }
}
