using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0009: turns <c>var c = await ds.OpenConnectionAsync();</c> into <c>await using var c = …;</c> (<c>using var</c>
/// for a synchronous open or outside an async function). Offered only when the analyzer marked the declaration as
/// fixable: one variable, directly in a block, never reassigned.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedDbConnectionCodeFix)), Shared]
public sealed class UndisposedDbConnectionCodeFix : CodeFixProvider
{
    internal const string Key = "OPS0009.UsingDeclaration";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.UndisposedDbConnection];

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var plans = new List<(LocalDeclarationStatementSyntax Declaration, bool UseAwait)>();
        foreach (var diagnostic in diagnostics)
        {
            if (TryPlan(root, diagnostic) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return plans.Count == 0 ? null : Apply(document, root, plans);
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || TryPlan(root, diagnostic) is not { } plan)
        {
            return;
        }

        var title = plan.UseAwait ? "Dispose the connection with 'await using'" : "Dispose the connection with 'using'";
        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(Apply(context.Document, root, [plan])), Key), diagnostic);
    }

    private static (LocalDeclarationStatementSyntax Declaration, bool UseAwait)? TryPlan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not LocalDeclarationStatementSyntax declaration
            || !declaration.UsingKeyword.IsKind(SyntaxKind.None))
        {
            return null;
        }

        var useAwait = diagnostic.Properties.TryGetValue(UndisposedDbConnectionAnalyzer.UseAwaitProperty, out var value) && value == "true";
        return (declaration, useAwait);
    }

    private static Document Apply(Document document, SyntaxNode root, IReadOnlyList<(LocalDeclarationStatementSyntax Declaration, bool UseAwait)> plans)
    {
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var (declaration, useAwait) in plans)
        {
            editor.ReplaceNode(declaration, (node, _) =>
            {
                var current = (LocalDeclarationStatementSyntax)node;
                var leading = current.GetLeadingTrivia();
                return current
                    .WithoutLeadingTrivia()
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithAwaitKeyword(useAwait ? SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space) : default)
                    .WithLeadingTrivia(leading);
            });
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }
}
