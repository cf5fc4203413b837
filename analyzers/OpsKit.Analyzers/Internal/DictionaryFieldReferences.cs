using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The references to one field, found where they can be and bound one member at a time: a private field's in the
/// declarations of its own type, another field's first there and then in the files whose text names it. Only the
/// members that mention the field's name are bound (a semantic model binds a member body on demand), so a rule that
/// follows a few fields never pays for the rest of the compilation.
/// </summary>
internal static class DictionaryFieldReferences
{
    /// <summary>
    /// Calls <paramref name="onReference"/> for each reference (with whether it sits in a constructor or an
    /// initializer) until <paramref name="isSettled"/> says the answer is known. Returns false when a private field is
    /// named inside a nested type: code there is judged nowhere else, and it may remove entries.
    /// </summary>
    public static bool Visit(
        IFieldSymbol field,
        SemanticModel declaringModel,
        Action<IFieldReferenceOperation, bool> onReference,
        Func<bool> isSettled,
        CancellationToken cancellationToken)
    {
        var definition = field.OriginalDefinition;
        foreach (var reference in definition.ContainingType.DeclaringSyntaxReferences)
        {
            var type = reference.GetSyntax(cancellationToken);
            if (!VisitNode(type, type, definition, declaringModel, onReference, cancellationToken))
            {
                return false;
            }
        }

        if (definition.DeclaredAccessibility == Accessibility.Private || isSettled())
        {
            return true;
        }

        var mentions = new TreeMentions(wholeWord: true, definition.Name);
        foreach (var tree in declaringModel.Compilation.SyntaxTrees)
        {
            if (isSettled())
            {
                break;
            }

            if (mentions.In(tree, cancellationToken))
            {
                VisitNode(tree.GetRoot(cancellationToken), declaringType: null, definition, declaringModel, onReference, cancellationToken);
            }
        }

        return true;
    }

    private static bool VisitNode(
        SyntaxNode scope,
        SyntaxNode? declaringType,
        IFieldSymbol field,
        SemanticModel declaringModel,
        Action<IFieldReferenceOperation, bool> onReference,
        CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        var name = field.Name;
        foreach (var token in scope.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not IdentifierNameSyntax identifier || token.ValueText != name)
            {
                continue;
            }

            if (declaringType is not null && IsInNestedType(identifier, declaringType))
            {
                if (field.DeclaredAccessibility == Accessibility.Private)
                {
                    return false;
                }

                continue; // visited again with the rest of the compilation
            }

            if (declaringType is null && IsInDeclaringType(identifier, field))
            {
                continue; // already visited with the declaring type
            }

            SyntaxNode expression = identifier.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Name == identifier => access,
                MemberBindingExpressionSyntax binding => binding,
                _ => identifier,
            };
            model ??= ReferenceEquals(scope.SyntaxTree, declaringModel.SyntaxTree)
                ? declaringModel
#pragma warning disable RS1030 // Only the members that name the field, in the few files that can hold its references; the driver caches semantic models per tree.
                : declaringModel.Compilation.GetSemanticModel(scope.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(expression, cancellationToken) is IFieldReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field))
            {
                onReference(reference, IsInInitialization(expression));
            }
        }

        return true;
    }

    /// <summary>Whether a type declared inside <paramref name="declaringType"/> holds the node.</summary>
    private static bool IsInNestedType(SyntaxNode node, SyntaxNode declaringType)
    {
        for (var current = node.Parent; current is not null && current != declaringType; current = current.Parent)
        {
            if (current is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInDeclaringType(SyntaxNode node, IFieldSymbol field)
    {
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == node.SyntaxTree && reference.Span.Contains(node.Span))
            {
                return !IsInNestedType(node, reference.GetSyntax());
            }
        }

        return false;
    }

    /// <summary>A constructor (of either kind) or a field or property initializer: where lookup tables are filled.</summary>
    private static bool IsInInitialization(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax:
                    return true;
                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax }:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
