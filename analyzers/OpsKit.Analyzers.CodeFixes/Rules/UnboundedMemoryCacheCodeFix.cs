using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0003: replace <c>AddMemoryCache()</c> with a dedicated OpsKit cache, or set <c>SizeLimit</c> (the title says
/// that every entry then needs a Size, since MemoryCache throws for entries without one).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedMemoryCacheCodeFix)), Shared]
public sealed class UnboundedMemoryCacheCodeFix : CodeFixProvider
{
    internal const string DedicatedCacheKey = "OPS0003.AddOpsMemoryCache";
    internal const string SizeLimitKey = "OPS0003.SizeLimit";
    internal const string DefaultSizeLimit = "1024";
    internal const string DedicatedCacheName = "default";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.UnboundedMemoryCache];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        switch (node.FirstAncestorOrSelf<ExpressionSyntax>(e => e is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            case InvocationExpressionSyntax invocation:
                await RegisterForAddMemoryCacheAsync(context, diagnostic, root, invocation).ConfigureAwait(false);
                break;
            case BaseObjectCreationExpressionSyntax creation when OptionsCreation(creation) is { } options:
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Set SizeLimit (every cache entry must then set Size)",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(options, WithSizeLimit(options)))),
                        SizeLimitKey),
                    diagnostic);
                break;
        }
    }

    private static async Task RegisterForAddMemoryCacheAsync(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddMemoryCache" } memberAccess)
        {
            return;
        }

        var arguments = invocation.ArgumentList.Arguments;
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (arguments.Count == 0 && model?.Compilation.GetTypeByMetadataName(OpsKitSymbols.AddOpsMemoryCacheType) is not null)
        {
            var replacement = invocation
                .WithExpression(memberAccess.WithName(SyntaxFactory.IdentifierName(OpsKitSymbols.AddOpsMemoryCache)))
                .WithArgumentList(SyntaxFactory.ParseArgumentList($"(\"{DedicatedCacheName}\")"));
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use a dedicated size-limited cache (AddOpsMemoryCache)",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement))),
                    DedicatedCacheKey),
                diagnostic);
        }

        var withLimit = AddSizeLimit(invocation);
        if (withLimit is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Set SizeLimit on the shared IMemoryCache (every cache entry must then set Size)",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, withLimit))),
                    SizeLimitKey),
                diagnostic);
        }
    }

    /// <summary>AddMemoryCache() gets a lambda; a lambda that sets other options gets one more statement.</summary>
    private static InvocationExpressionSyntax? AddSizeLimit(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count == 0)
        {
            return invocation.WithArgumentList(SyntaxFactory.ParseArgumentList($"(options => options.SizeLimit = {DefaultSizeLimit})"));
        }

        if (arguments.Count != 1 || arguments[0].Expression is not LambdaExpressionSyntax lambda || ParameterName(lambda) is not { } parameter)
        {
            return null;
        }

        var statement = SyntaxFactory.ParseStatement($"{parameter}.SizeLimit = {DefaultSizeLimit};");
        LambdaExpressionSyntax newLambda;
        if (lambda.Block is { } block)
        {
            var last = block.Statements.LastOrDefault();
            var indented = last is null
                ? statement
                : statement.WithLeadingTrivia(SyntaxHelpers.Indentation(last)).WithTrailingTrivia(SyntaxHelpers.EndOfLine(last));
            newLambda = lambda.WithBlock(block.AddStatements(indented));
        }
        else if (lambda.ExpressionBody is { } body)
        {
            var newBlock = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(body.WithoutTrivia()), statement);
            newLambda = lambda.WithExpressionBody(null).WithBlock(newBlock.NormalizeWhitespace(indentation: string.Empty, eol: " "));
        }
        else
        {
            return null;
        }

        return invocation.ReplaceNode(lambda, newLambda);
    }

    private static string? ParameterName(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
        _ => null,
    };

    /// <summary>The inline <c>new MemoryCacheOptions { … }</c> handed to the cache (directly or via Options.Create).</summary>
    private static BaseObjectCreationExpressionSyntax? OptionsCreation(BaseObjectCreationExpressionSyntax cacheCreation)
    {
        var first = cacheCreation.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
        if (first is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" }, ArgumentList.Arguments.Count: 1 } create)
        {
            first = create.ArgumentList.Arguments[0].Expression;
        }

        return first is BaseObjectCreationExpressionSyntax options
            && (options is not ObjectCreationExpressionSyntax named || named.Type.ToString().EndsWith("MemoryCacheOptions", System.StringComparison.Ordinal))
            ? options
            : null;
    }

    private static BaseObjectCreationExpressionSyntax WithSizeLimit(BaseObjectCreationExpressionSyntax options)
    {
        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("SizeLimit"),
            SyntaxFactory.ParseExpression(DefaultSizeLimit));
        if (options.Initializer is { Expressions.Count: > 0 } initializer)
        {
            var expressions = initializer.Expressions;
            var multiline = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var separator = SyntaxFactory.Token(SyntaxKind.CommaToken)
                .WithTrailingTrivia(multiline ? SyntaxHelpers.EndOfLine(initializer.OpenBraceToken.Parent!) : SyntaxFactory.Space);
            if (multiline)
            {
                separator = separator.WithTrailingTrivia(initializer.OpenBraceToken.TrailingTrivia.Last(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
            }

            var nodes = new[] { assignment.WithLeadingTrivia(expressions[0].GetLeadingTrivia()) }.Concat(expressions);
            var separators = new[] { separator }.Concat(expressions.GetSeparators());
            return options.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators)));
        }

        var newInitializer = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment))
            .NormalizeWhitespace(indentation: string.Empty, eol: " ");
        var result = options.WithInitializer(newInitializer.WithLeadingTrivia(SyntaxFactory.Space));
        return result is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } named
            ? named.WithArgumentList(null).WithType(named.Type.WithoutTrailingTrivia())
            : result;
    }
}
