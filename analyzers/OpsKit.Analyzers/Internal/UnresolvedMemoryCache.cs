using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Rules;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// OPS0003 while Microsoft.Extensions.Caching.Memory is not resolved yet (packages not restored): only the shapes
/// that cannot be anything else are reported. <c>new MemoryCache(new MemoryCacheOptions())</c> (also through
/// <c>Options.Create</c> or a target-typed <c>new(…)</c>) with no SizeLimit in the initializer, and the host's
/// argument-less <c>AddMemoryCache()</c> when no file of the compilation mentions SizeLimit or configures
/// <c>MemoryCacheOptions</c>. Both must be unresolved calls: a method of the same name in source is something else.
/// </summary>
internal static class UnresolvedMemoryCache
{
    public static void Register(CompilationStartAnalysisContext context, bool isApplication, CacheFiles files)
    {
        // Both shapes name MemoryCache in the member's text: only the members around those names are walked.
        var compilation = context.Compilation;
        var configuresElsewhere = new Lazy<bool>(() => MentionsConfiguration(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        context.RegisterSemanticModelAction(c =>
        {
            if (!files.NamesMemoryCache(c.SemanticModel.SyntaxTree, c.CancellationToken))
            {
                return;
            }

            var file = files.Of(c.SemanticModel.SyntaxTree, c.CancellationToken);

            foreach (var member in CacheMentions.Members(c.SemanticModel.SyntaxTree.GetRoot(c.CancellationToken), file.CacheNameOffsets))
            {
                foreach (var node in member.DescendantNodes())
                {
                    switch (node)
                    {
                        case BaseObjectCreationExpressionSyntax creation:
                            OnCreation(c, creation);
                            break;
                        case InvocationExpressionSyntax invocation:
                            OnInvocation(c, invocation, isApplication, configuresElsewhere);
                            break;
                    }
                }
            }
        });
    }

    private static void OnCreation(SemanticModelAnalysisContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var named = creation switch
        {
            ObjectCreationExpressionSyntax explicitType => CacheMentions.LastName(explicitType.Type) == "MemoryCache",
            _ => CacheMentions.LastName(DeclaredType(creation)) is "MemoryCache" or "IMemoryCache",
        };
        if (!named || creation.ArgumentList?.Arguments.Count != 1 || !IsUnboundedOptions(creation.ArgumentList.Arguments[0].Expression)
            || context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type is { TypeKind: not TypeKind.Error })
        {
            return;
        }

        context.ReportDiagnostic(UnboundedMemoryCacheAnalyzer.CreateDiagnostic(creation.GetLocation(), "MemoryCache"));
    }

    private static void OnInvocation(SemanticModelAnalysisContext context, InvocationExpressionSyntax invocation, bool isApplication, Lazy<bool> configuresElsewhere)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddMemoryCache" } access
            || invocation.ArgumentList.Arguments.Count != 0
            || context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not null
            || !IsHost(context, invocation, isApplication)
            || configuresElsewhere.Value)
        {
            return;
        }

        var location = Location.Create(invocation.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(access.Name.SpanStart, invocation.Span.End));
        context.ReportDiagnostic(UnboundedMemoryCacheAnalyzer.CreateDiagnostic(location, "AddMemoryCache"));
    }

    private static bool IsHost(SemanticModelAnalysisContext context, InvocationExpressionSyntax invocation, bool isApplication)
    {
        if (isApplication)
        {
            return true;
        }

        if (CacheMentions.ContainingMember(context.SemanticModel, invocation, context.CancellationToken) is not IMethodSymbol method || method.IsExtensionMethod || method.IsStatic || method.ContainingType is { IsStatic: true })
        {
            return false;
        }

        foreach (var ancestor in invocation.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return context.SemanticModel.GetSymbolInfo(ancestor, context.CancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true }
                    || context.SemanticModel.GetDeclaredSymbol(ancestor, context.CancellationToken) is IMethodSymbol { ReturnsVoid: true };
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };
    }

    /// <summary><c>new MemoryCacheOptions()</c> or <c>{ … }</c> without SizeLimit, optionally inside <c>Options.Create(…)</c>.</summary>
    private static bool IsUnboundedOptions(ExpressionSyntax expression) => SetsSizeLimit(expression) == false;

    /// <summary>
    /// Options built inline as <c>new MemoryCacheOptions { … }</c>, optionally inside <c>Options.Create(…)</c>: true when
    /// the initializer assigns SizeLimit a value other than null, false when it does not assign it, null when the
    /// options are built some other way or the initializer does more than assign properties.
    /// </summary>
    public static bool? SetsSizeLimit(ExpressionSyntax expression)
    {
        if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" }, ArgumentList.Arguments.Count: 1 } create)
        {
            expression = create.ArgumentList.Arguments[0].Expression;
        }

        if (expression is not ObjectCreationExpressionSyntax options || CacheMentions.LastName(options.Type) != "MemoryCacheOptions")
        {
            return null;
        }

        foreach (var member in options.Initializer?.Expressions ?? default)
        {
            if (member is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment)
            {
                return null;
            }

            if (name.Identifier.ValueText == "SizeLimit")
            {
                return !assignment.Right.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression);
            }
        }

        return false;
    }

    public static TypeSyntax? DeclaredType(SyntaxNode creation) => creation.Parent?.Parent switch
    {
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
        PropertyDeclarationSyntax property => property.Type,
        _ => null,
    };

    private static bool MentionsConfiguration(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var text = tree.GetText();
            if (SourceTextSearch.IndexOf(text, "SizeLimit") >= 0 || SourceTextSearch.IndexOf(text, "MemoryCacheOptions>") >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
