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
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0003: set <c>SizeLimit</c>, only where that cannot break the app. MemoryCache throws for entries without Size
/// once SizeLimit is set, so the fix is offered only when every write into that cache in the project sets a Size or
/// can be given <c>Size = 1</c> in the same action (see <see cref="CacheBoundingPlan"/>), and, for the shared
/// <c>AddMemoryCache()</c>, when no referenced library may write into the shared cache too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedMemoryCacheCodeFix)), Shared]
public sealed class UnboundedMemoryCacheCodeFix : CodeFixProvider
{
    internal const string SizeLimitKey = "OPS0003.SizeLimit";
    internal const string DefaultSizeLimit = "1024";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.UnboundedMemoryCache];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        SyntaxNode target;
        SyntaxNode bounded;
        CacheBoundingPlan? plan;
        string cache;
        switch (node.FirstAncestorOrSelf<ExpressionSyntax>(e => e is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddMemoryCache" } } invocation
                when AddSizeLimit(invocation) is { } withLimit:
                target = invocation;
                bounded = withLimit;
                cache = "the shared IMemoryCache";
                plan = await CacheBoundingPlan.ForSharedCacheAsync(document.Project, context.CancellationToken).ConfigureAwait(false);
                break;
            case BaseObjectCreationExpressionSyntax creation when OptionsCreation(creation) is { } options && StoredIn(model, creation, context.CancellationToken) is { } member:
                target = options;
                bounded = WithSizeLimit(options);
                cache = "this cache";
                plan = await CacheBoundingPlan.ForMemberAsync(document.Project, member, context.CancellationToken).ConfigureAwait(false);
                break;
            default:
                return;
        }

        if (plan is null)
        {
            return;
        }

        var title = plan.Rewrites.IsEmpty
            ? $"Set SizeLimit on {cache} (every entry written to it sets Size)"
            : $"Set SizeLimit on {cache} and Size = 1 on the {plan.Rewrites.Length} entries written without one";
        context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => plan.ApplyAsync(document, target, bounded, cancellationToken), SizeLimitKey),
            diagnostic);
    }

    /// <summary>The private field or property the new cache is stored in (initializer or assignment).</summary>
    private static ISymbol? StoredIn(SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var operation = model.GetOperation(creation, cancellationToken)?.WalkUpConversions();
        ISymbol? member = operation switch
        {
            IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0],
            IPropertyInitializerOperation { InitializedProperties.Length: 1 } property => property.InitializedProperties[0],
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } => field.Field,
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => property.Property,
            _ => null,
        };
        return member is { DeclaredAccessibility: Accessibility.Private } ? member.OriginalDefinition : null;
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
