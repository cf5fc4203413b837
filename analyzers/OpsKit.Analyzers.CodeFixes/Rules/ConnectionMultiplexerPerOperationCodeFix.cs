using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0007: hoists the connect call into <c>private static readonly Lazy&lt;ConnectionMultiplexer&gt; SharedConnection</c>
/// and uses <c>SharedConnection.Value</c>. Offered only when the arguments are constants or static members (they
/// can move to a static initializer unchanged) and the connection is not disposed by the caller any more than
/// through the <c>using</c> that the fix removes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConnectionMultiplexerPerOperationCodeFix)), Shared]
public sealed class ConnectionMultiplexerPerOperationCodeFix : CodeFixProvider
{
    internal const string Key = "OPS0007.SharedLazy";
    private const string FieldName = "SharedConnection";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.ConnectionMultiplexerPerOperation];

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var plans = new List<Plan>();
        foreach (var diagnostic in diagnostics)
        {
            if (await TryPlanAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return plans.Count == 0 ? null : await ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (await TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Share one connection (static Lazy<ConnectionMultiplexer>)", ct => ApplyAsync(context.Document, [plan], ct), Key),
            diagnostic);
    }

    private sealed class Plan(InvocationExpressionSyntax invocation, TypeDeclarationSyntax type, LocalDeclarationStatementSyntax? usingDeclaration, bool isAsync, string multiplexerType)
    {
        public InvocationExpressionSyntax Invocation { get; } = invocation;

        public TypeDeclarationSyntax Type { get; } = type;

        public LocalDeclarationStatementSyntax? UsingDeclaration { get; } = usingDeclaration;

        public bool IsAsync { get; } = isAsync;

        public string MultiplexerType { get; } = multiplexerType;

        /// <summary>Two calls with the same text share one field.</summary>
        public string Initializer => Invocation.WithoutTrivia().ToString();
    }

    private static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
            || invocation.Expression is not MemberAccessExpressionSyntax memberAccess
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || operation.TargetMethod.Name is not ("Connect" or "ConnectAsync")
            || invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || type is InterfaceDeclarationSyntax
            || invocation.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null)
        {
            return null;
        }

        foreach (var argument in operation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (!CanMoveToStaticInitializer(argument.Value))
            {
                return null;
            }
        }

        var isAsync = operation.TargetMethod.Name == "ConnectAsync";
        var outer = isAsync && invocation.Parent is AwaitExpressionSyntax awaited ? (ExpressionSyntax)awaited : invocation;
        LocalDeclarationStatementSyntax? usingDeclaration = null;
        if (outer.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            if (declarator.Parent?.Parent is UsingStatementSyntax)
            {
                return null; // a using block: rewriting its scope is not a mechanical change
            }

            if (declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration)
            {
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local || IsDisposedExplicitly(declaration.Parent, local, model, cancellationToken))
                {
                    return null;
                }

                usingDeclaration = declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) ? declaration : null;
            }
        }

        return new Plan(invocation, type, usingDeclaration, isAsync, memberAccess.Expression.WithoutTrivia().ToString());
    }

    /// <summary>Constants and static members mean the same thing in a static field initializer.</summary>
    private static bool CanMoveToStaticInitializer(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case { ConstantValue.HasValue: true }:
                case IConversionOperation:
                case ITypeOfOperation:
                case IDefaultValueOperation:
                    continue;
                case IFieldReferenceOperation { Field.IsStatic: true }:
                case IPropertyReferenceOperation { Property.IsStatic: true }:
                    continue;
                case IInvocationOperation { Instance: null, TargetMethod.IsStatic: true }:
                case IArgumentOperation:
                case IInterpolatedStringOperation:
                case IInterpolatedStringTextOperation:
                case IInterpolationOperation:
                case IBinaryOperation:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool IsDisposedExplicitly(SyntaxNode? scope, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        if (scope is null)
        {
            return true;
        }

        foreach (var access in scope.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Name.Identifier.ValueText is "Dispose" or "DisposeAsync" or "Close" or "CloseAsync"
                && access.Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var group in plans.GroupBy(p => p.Type))
        {
            var type = group.Key;
            var taken = new HashSet<string>(type.Members.SelectMany(MemberNames));
            var fields = new Dictionary<string, string>();
            var newFields = new List<MemberDeclarationSyntax>();
            var position = type.OpenBraceToken.Span.End;
            var lazyType = SyntaxHelpers.IsTypeInScope(model, position, "Lazy") ? "Lazy" : "System.Lazy";
            var taskType = SyntaxHelpers.IsTypeInScope(model, position, "Task") ? "Task" : "System.Threading.Tasks.Task";
            var indentation = type.Members.FirstOrDefault() is { } first ? SyntaxHelpers.Indentation(first) : SyntaxFactory.TriviaList();
            var endOfLine = SyntaxHelpers.EndOfLine(type.Members.FirstOrDefault() ?? (SyntaxNode)type);

            foreach (var plan in group)
            {
                if (!fields.TryGetValue(plan.Initializer, out var name))
                {
                    name = FieldName;
                    for (var i = 2; taken.Contains(name); i++)
                    {
                        name = FieldName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    taken.Add(name);
                    fields.Add(plan.Initializer, name);
                    var valueType = plan.IsAsync ? $"{taskType}<{plan.MultiplexerType}>" : plan.MultiplexerType;
                    var field = SyntaxFactory.ParseMemberDeclaration($"private static readonly {lazyType}<{valueType}> {name} = new(() => {plan.Initializer});")!
                        .WithLeadingTrivia(indentation)
                        .WithTrailingTrivia(endOfLine, endOfLine);
                    newFields.Add(field);
                }

                editor.ReplaceNode(plan.Invocation, SyntaxFactory.ParseExpression(name + ".Value").WithTriviaFrom(plan.Invocation));
                if (plan.UsingDeclaration is { } declaration)
                {
                    editor.ReplaceNode(declaration, (node, _) =>
                    {
                        var current = (LocalDeclarationStatementSyntax)node;
                        var leading = current.AwaitKeyword.IsKind(SyntaxKind.None) ? current.UsingKeyword.LeadingTrivia : current.AwaitKeyword.LeadingTrivia;
                        return current
                            .WithAwaitKeyword(default)
                            .WithUsingKeyword(default)
                            .WithDeclaration(current.Declaration.WithLeadingTrivia(leading));
                    });
                }
            }

            editor.ReplaceNode(type, (node, _) =>
            {
                var current = (TypeDeclarationSyntax)node;
                return current.WithMembers(current.Members.InsertRange(0, newFields));
            });
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    private static IEnumerable<string> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
        PropertyDeclarationSyntax property => [property.Identifier.ValueText],
        MethodDeclarationSyntax method => [method.Identifier.ValueText],
        _ => [],
    };
}
