using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The values stored in a field or property, from its initializer and the assignments inside its declaring type.
/// Callers use it only for members that nothing outside the declaring type can assign, and cache the answer per
/// member, so each declaring type is read at most once per member.
/// </summary>
internal static class MemberValues
{
    /// <summary>Each assigned value; null for an assignment that is not a plain one (deconstruction, ref, out).</summary>
    public static IEnumerable<IOperation?> Of(Compilation compilation, ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var initializer = syntax switch
            {
                VariableDeclaratorSyntax { Initializer: { } value } => value.Value,
                PropertyDeclarationSyntax { Initializer: { } value } => value.Value,
                _ => null,
            };
            if (initializer is not null)
            {
                yield return ModelFor(compilation, initializer.SyntaxTree).GetOperation(initializer, cancellationToken);
            }
        }

        foreach (var typeReference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var typeSyntax = typeReference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            foreach (var node in typeSyntax.DescendantNodes())
            {
                if (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: var byRef } && NameOf(byRef) == member.Name)
                {
                    model ??= ModelFor(compilation, typeSyntax.SyntaxTree);
                    if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(byRef, cancellationToken).Symbol?.OriginalDefinition, member))
                    {
                        yield return null;
                    }
                }

                if (node is not AssignmentExpressionSyntax assignment || NameOf(assignment.Left) != member.Name)
                {
                    continue;
                }

                model ??= ModelFor(compilation, typeSyntax.SyntaxTree);
                if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol?.OriginalDefinition, member))
                {
                    yield return assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                        || assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceAssignmentExpression)
                        ? model.GetOperation(assignment.Right, cancellationToken)
                        : null;
                }
            }
        }
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        _ => null,
    };

    // Only the few trees that declare a cache member or register the shared cache are bound here, once each per
    // compilation; the driver's semantic model cache serves these requests during analysis.
#pragma warning disable RS1030
    public static SemanticModel ModelFor(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
