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

        // Only the places where the declaring type's text says the member's name are read, not every node of the type.
        var name = member.Name;
        foreach (var typeReference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var typeSyntax = typeReference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            foreach (var token in NameTokens.In(typeSyntax, name, cancellationToken))
            {
                if (Target(token) is not { } target)
                {
                    continue;
                }

                model ??= ModelFor(compilation, typeSyntax.SyntaxTree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol?.OriginalDefinition, member))
                {
                    continue;
                }

                yield return target.Parent is AssignmentExpressionSyntax assignment
                    && (assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                        || assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceAssignmentExpression))
                    ? model.GetOperation(assignment.Right, cancellationToken)
                    : null;
            }
        }
    }

    /// <summary>
    /// The expression the name stands in when it is written there: the left side of an assignment or a ref/out/in
    /// argument (<c>_cache</c> or <c>this._cache</c>); otherwise null.
    /// </summary>
    private static ExpressionSyntax? Target(SyntaxToken token)
    {
        if (token.Parent is not IdentifierNameSyntax identifier)
        {
            return null;
        }

        ExpressionSyntax expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
        return expression.Parent switch
        {
            AssignmentExpressionSyntax assignment when assignment.Left == expression => expression,
            ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument when argument.Expression == expression => expression,
            _ => null,
        };
    }

    // Only the few trees that declare a cache member or register the shared cache are bound here, once each per
    // compilation; the driver's semantic model cache serves these requests during analysis.
#pragma warning disable RS1030
    public static SemanticModel ModelFor(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
