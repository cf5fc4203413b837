using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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
        context.RegisterCompilationStartAction(compilationStart =>
        {
            if (ProjectProperties.IsTestProject(compilationStart.Options) || CacheEntryFacts.For(compilationStart.Compilation) is not { } facts)
            {
                return;
            }

            // Driven by the invoked name in syntax: only a call named like a cache write is bound to an operation,
            // so a compilation pays nothing for the method bodies that never write into a cache.
            compilationStart.RegisterSyntaxNodeAction(
                context =>
                {
                    var syntax = (InvocationExpressionSyntax)context.Node;
                    if (!CacheWrite.IsCandidateName(syntax.GetInvokedName())
                        || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation
                        || !CacheWrite.IsCandidateName(invocation.TargetMethod.Name)
                        || CacheWrite.TryCreate(facts, invocation, context.CancellationToken) is not { } write
                        || write.HasBoundedKey
                        || write.Bound != CacheBound.Unbounded
                        || write.Inspect().Expiration != Evidence.Missing)
                    {
                        return;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CacheEntryWithoutExpiration, write.Location));
                },
                SyntaxKind.InvocationExpression);
        });
    }
}
