using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

internal static class SyntaxHelpers
{
    /// <summary>The whitespace that indents <paramref name="node"/> on its line.</summary>
    public static SyntaxTriviaList Indentation(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    /// <summary>A statement parsed from text, indented like <paramref name="sibling"/> and ended by a new line.</summary>
    public static StatementSyntax StatementLike(string text, SyntaxNode sibling)
        => SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(Indentation(sibling))
            .WithTrailingTrivia(EndOfLine(sibling));

    /// <summary>The line ending the document uses after <paramref name="node"/> (or a line feed).</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        foreach (var trivia in node.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.LineFeed;
    }

    /// <summary>In top-level programs statements are wrapped in GlobalStatement members: insert next to the wrapper.</summary>
    public static SyntaxNode InsertionAnchor(StatementSyntax statement)
        => statement.Parent is GlobalStatementSyntax global ? global : statement;

    public static SyntaxNode Wrap(StatementSyntax statement, SyntaxNode anchor)
        => anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

    /// <summary>True when a type of that name (from its namespace) is visible at the position without qualification.</summary>
    public static bool IsTypeInScope(SemanticModel model, int position, string typeName)
        => model.LookupNamespacesAndTypes(position, name: typeName).Any();

    public static CompilationUnitSyntax AddUsingIfMissing(CompilationUnitSyntax root, string namespaceName)
    {
        if (root.Usings.Any(u => u.Name?.ToString() == namespaceName && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithTrailingTrivia(EndOfLine(root.Usings.LastOrDefault() ?? (SyntaxNode)root));
        return root.AddUsings(directive);
    }
}
