using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0004: give the entry <c>Size = 1</c> (every entry counts as one unit of the SizeLimit): an options argument for
/// <c>Set(key, value)</c>, an options object built from a TimeSpan/DateTimeOffset expiration, one more initializer
/// member, or <c>entry.Size = 1;</c> at the start of a GetOrCreate factory.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CacheEntryWithoutSizeCodeFix)), Shared]
public sealed class CacheEntryWithoutSizeCodeFix : CodeFixProvider
{
    internal const string Key = "OPS0004.Size1";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.CacheEntryWithoutSize];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method)
        {
            return;
        }

        var replacement = WithSize(invocation, method, model);
        if (replacement is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Set Size = 1 on the cache entry", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement))), Key),
            diagnostic);
    }

    /// <summary>The write with <c>Size = 1</c> on its entry; null when the shape cannot be rewritten safely.</summary>
    internal static InvocationExpressionSyntax? WithSize(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model)
    {
        var optionsType = SyntaxHelpers.IsTypeInScope(model, invocation.SpanStart, "MemoryCacheEntryOptions")
            ? "MemoryCacheEntryOptions"
            : "Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions";
        return (method.ReducedFrom ?? method).Name switch
        {
            "Set" => FixSet(invocation, method, optionsType),
            "GetOrCreate" or "GetOrCreateAsync" => FixGetOrCreate(invocation),
            _ => null,
        };
    }

    private static InvocationExpressionSyntax? FixSet(InvocationExpressionSyntax invocation, IMethodSymbol method, string optionsType)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Any(a => a.NameColon is not null))
        {
            return null;
        }

        if (arguments.Count == 2)
        {
            return invocation.WithArgumentList(invocation.ArgumentList.AddArguments(
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression($"new {optionsType} {{ Size = 1 }}"))));
        }

        if (arguments.Count != 3)
        {
            return null;
        }

        var last = arguments[2].Expression;
        var parameterType = method.Parameters.LastOrDefault()?.Type.Name;
        var member = parameterType switch
        {
            "TimeSpan" => "AbsoluteExpirationRelativeToNow",
            "DateTimeOffset" => "AbsoluteExpiration",
            _ => null,
        };
        if (member is not null)
        {
            var options = SyntaxFactory.ParseExpression($"new {optionsType} {{ {member} = {last.WithoutTrivia()}, Size = 1 }}");
            return invocation.ReplaceNode(last, options.WithTriviaFrom(last));
        }

        if (last is BaseObjectCreationExpressionSyntax creation)
        {
            return invocation.ReplaceNode(creation, WithSizeMember(creation));
        }

        return null;
    }

    private static BaseObjectCreationExpressionSyntax WithSizeMember(BaseObjectCreationExpressionSyntax creation)
    {
        var size = SyntaxFactory.ParseExpression("Size = 1");
        if (creation.Initializer is { Expressions.Count: > 0 } initializer)
        {
            var expressions = initializer.Expressions;
            var last = expressions[expressions.Count - 1];
            var multiline = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var leading = multiline ? last.GetLeadingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Space);
            if (expressions.SeparatorCount == expressions.Count)
            {
                // A trailing comma already ends the last member: append after it.
                var trailing = multiline ? SyntaxFactory.TriviaList(SyntaxHelpers.EndOfLine(last.Parent!)) : SyntaxFactory.TriviaList(SyntaxFactory.Space);
                return creation.WithInitializer(initializer.WithExpressions(expressions.Add(size.WithLeadingTrivia(leading).WithTrailingTrivia(trailing))));
            }

            var comma = SyntaxFactory.Token(SyntaxKind.CommaToken);
            if (multiline)
            {
                comma = comma.WithTrailingTrivia(last.GetTrailingTrivia());
            }

            var nodes = expressions.Take(expressions.Count - 1)
                .Append(last.WithoutTrailingTrivia())
                .Append(size.WithLeadingTrivia(leading).WithTrailingTrivia(last.GetTrailingTrivia()));
            var separators = expressions.GetSeparators().Append(comma);
            return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators)));
        }

        var newInitializer = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList(size))
            .NormalizeWhitespace(indentation: string.Empty, eol: " ")
            .WithLeadingTrivia(SyntaxFactory.Space);
        var result = creation.WithInitializer(newInitializer);
        return result is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } named
            ? named.WithArgumentList(null).WithType(named.Type.WithoutTrailingTrivia())
            : result;
    }

    private static InvocationExpressionSyntax? FixGetOrCreate(InvocationExpressionSyntax invocation)
    {
        var factory = invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().FirstOrDefault();
        var parameter = factory switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
            _ => null,
        };
        if (factory is null || parameter is null || parameter == "_")
        {
            return null;
        }

        var statement = SyntaxFactory.ParseStatement($"{parameter}.Size = 1;");
        LambdaExpressionSyntax newFactory;
        if (factory.Block is { } block)
        {
            var first = block.Statements.FirstOrDefault();
            var indented = first is null ? statement : statement.WithLeadingTrivia(SyntaxHelpers.Indentation(first)).WithTrailingTrivia(SyntaxHelpers.EndOfLine(first));
            newFactory = factory.WithBlock(block.WithStatements(block.Statements.Insert(0, indented)));
        }
        else if (factory.ExpressionBody is { } body)
        {
            var newBlock = SyntaxFactory.Block(statement, SyntaxFactory.ReturnStatement(body.WithoutTrivia()))
                .NormalizeWhitespace(indentation: string.Empty, eol: " ");
            newFactory = factory.WithExpressionBody(null).WithBlock(newBlock);
        }
        else
        {
            return null;
        }

        return invocation.ReplaceNode(factory, newFactory);
    }
}
