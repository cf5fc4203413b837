using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>How a mention of a field uses it, read from syntax alone (see <see cref="DictionaryFieldReferences"/>).</summary>
internal enum FieldMentionKind
{
    /// <summary><c>GetOrAdd</c>, <c>AddOrUpdate</c>, <c>Add</c>, <c>TryAdd</c>, or an indexer assignment.</summary>
    Write,

    /// <summary><c>Remove</c>/<c>TryRemove</c> outside loops and callbacks: a removal by key.</summary>
    RemoveByKey,

    /// <summary>A lookup, enumeration, lock or <c>nameof</c>: changes nothing.</summary>
    Read,

    /// <summary>A reset, a size check, a sweep, a hand-out, a load loop in a constructor: the map is bounded, or the rule cannot follow it.</summary>
    Bounds,

    /// <summary>Anything else (a call the syntax cannot name): only its binding says what it does.</summary>
    Unknown,
}

/// <summary>One place that names the field, with what the syntax says it does there.</summary>
internal readonly struct FieldMention
{
    public FieldMention(SyntaxNode expression, FieldMentionKind kind, bool inInitialization, bool inDeclaringType)
    {
        Expression = expression;
        Kind = kind;
        InInitialization = inInitialization;
        InDeclaringType = inDeclaringType;
    }

    /// <summary>The expression that denotes the field (<c>_map</c>, <c>Store.Map</c>).</summary>
    public SyntaxNode Expression { get; }

    public FieldMentionKind Kind { get; }

    /// <summary>In a constructor or a field or property initializer.</summary>
    public bool InInitialization { get; }

    /// <summary>In the field's own type (outside its nested types), where the name can only be the field.</summary>
    public bool InDeclaringType { get; }
}

/// <summary>
/// The places that name one field, found where its references can be and read from syntax first: a private field's
/// in the declarations of its own type, another field's also in the files whose text names it. Only the places where
/// the text says the name are read (no walk over every token of a type or a file). The rule binds a mention
/// (<see cref="Bind"/>, which binds the member around it) only when the syntax cannot settle the answer, so a
/// compilation with many dictionary fields binds a handful of members.
/// </summary>
internal static class DictionaryFieldReferences
{
    /// <summary>The mentions of the field, or null when a private field is named inside a nested type: code there may remove entries, and the rule judges a private field from its own type.</summary>
    /// <param name="field">The field.</param>
    /// <param name="shared">Where the names of the static fields visible outside their types occur in the compilation.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public static List<FieldMention>? Find(IFieldSymbol field, DictionaryFieldNamePositions shared, CancellationToken cancellationToken)
    {
        var mentions = new List<FieldMention>();
        var name = field.Name;
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var type = reference.GetSyntax(cancellationToken);
            foreach (var token in NameTokens.In(type, name, cancellationToken))
            {
                if (!Collect(token, type, field, mentions))
                {
                    return null;
                }
            }
        }

        if (field.DeclaredAccessibility != Accessibility.Private && !AnyBounds(mentions))
        {
            if (EnclosingScope(field) is { } scope)
            {
                // A member of a private nested type can be named only inside the type around it.
                foreach (var reference in scope.DeclaringSyntaxReferences)
                {
                    foreach (var token in NameTokens.In(reference.GetSyntax(cancellationToken), name, cancellationToken))
                    {
                        Collect(token, declaringType: null, field, mentions);
                    }
                }

                return mentions;
            }

            // Outside its type a field can be named in any file: only the places whose text says its name are read.
            foreach (var (tree, positions) in shared.Of(name, cancellationToken))
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var position in positions)
                {
                    Collect(root.FindToken(position), declaringType: null, field, mentions);
                }
            }
        }

        return mentions;
    }

    /// <summary>
    /// The type that holds the outermost private type around the field (<c>static class Cached</c> nested in the class
    /// that uses it), or null when the field can be named in any file of the compilation.
    /// </summary>
    public static INamedTypeSymbol? EnclosingScope(IFieldSymbol field)
    {
        INamedTypeSymbol? scope = null;
        for (var type = field.ContainingType; type?.ContainingType is { } container; type = container)
        {
            if (type.DeclaredAccessibility == Accessibility.Private)
            {
                scope = container;
            }
        }

        return scope;
    }

    /// <summary>Whether the field's own type already bounds it (then no other file needs reading).</summary>
    private static bool AnyBounds(List<FieldMention> mentions)
    {
        foreach (var mention in mentions)
        {
            if (mention.Kind == FieldMentionKind.Bounds)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bound reference to the field at the mention, or null when the name means something else there.</summary>
    public static IFieldReferenceOperation? Bind(FieldMention mention, IFieldSymbol field, SemanticModel declaringModel, CancellationToken cancellationToken)
    {
        var tree = mention.Expression.SyntaxTree;
        var model = ReferenceEquals(tree, declaringModel.SyntaxTree)
            ? declaringModel
#pragma warning disable RS1030 // Only a member that names the field, in a file that can hold its references; the driver caches semantic models per tree.
            : declaringModel.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        return model.GetOperation(mention.Expression, cancellationToken) is IFieldReferenceOperation reference
            && SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field.OriginalDefinition)
                ? reference
                : null;
    }

    /// <summary>Adds the token when it names the field; returns false when a private field is named in a nested type.</summary>
    private static bool Collect(SyntaxToken token, SyntaxNode? declaringType, IFieldSymbol field, List<FieldMention> mentions)
    {
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not IdentifierNameSyntax identifier || token.ValueText != field.Name)
        {
            return true;
        }

        if (declaringType is not null && IsInNestedType(identifier, declaringType))
        {
            // a private field: the rule cannot judge it from its own type; another: collected with the rest of the compilation
            return field.DeclaredAccessibility != Accessibility.Private;
        }

        if (declaringType is null && IsInDeclaringType(identifier, field))
        {
            return true; // already collected with the declaring type
        }

        SyntaxNode expression = identifier.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == identifier => access,
            MemberBindingExpressionSyntax binding => binding,
            _ => identifier,
        };
        if (expression is MemberAccessExpressionSyntax { Expression: not (ThisExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax or GenericNameSyntax) })
        {
            return true; // another object's member of the same name (GetX().Name)
        }

        var inInitialization = IsInInitialization(expression);
        mentions.Add(new FieldMention(expression, Classify(expression, inInitialization), inInitialization, declaringType is not null));
        return true;
    }

    /// <summary>What the syntax around the field's expression says the code does with it.</summary>
    private static FieldMentionKind Classify(SyntaxNode expression, bool inInitialization)
    {
        var parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case MemberAccessExpressionSyntax access when access.Expression == expression:
                var member = access.Name.Identifier.ValueText;
                if (access.Parent is InvocationExpressionSyntax call && call.Expression == access)
                {
                    return member switch
                    {
                        "GetOrAdd" or "AddOrUpdate" or "Add" or "TryAdd" => Write(call, inInitialization),
                        "TryGetValue" or "ContainsKey" => FieldMentionKind.Read,
                        "Clear" or "TryUpdate" or "TrimExcess" or "EnsureCapacity" => FieldMentionKind.Bounds,
                        "Remove" or "TryRemove" => IsInLoopOrCallback(call) ? FieldMentionKind.Bounds : FieldMentionKind.RemoveByKey,
                        _ => FieldMentionKind.Unknown,
                    };
                }

                return member is "Count" or "IsEmpty" ? FieldMentionKind.Bounds : FieldMentionKind.Read;
            case ElementAccessExpressionSyntax element when element.Expression == expression:
                if (element.Parent is AssignmentExpressionSyntax indexerAssignment && indexerAssignment.Left == element)
                {
                    return Write(element, inInitialization);
                }

                return FieldMentionKind.Read;
            case AssignmentExpressionSyntax assignment when assignment.Left == expression:
                return inInitialization ? FieldMentionKind.Read : FieldMentionKind.Bounds;
            case ForEachStatementSyntax or LockStatementSyntax:
                return FieldMentionKind.Read;
            case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } }:
                return FieldMentionKind.Read;
            case EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax or ArgumentSyntax:
                return FieldMentionKind.Bounds; // handed out: the rule cannot see what happens to it
            default:
                return FieldMentionKind.Unknown;
        }
    }

    /// <summary>
    /// A write outside initialization grows the map; in a constructor or initializer it fills a lookup table, unless a
    /// loop loads it from a collection: then the map mirrors a store (see <see cref="DictionaryFieldUsage"/>).
    /// </summary>
    private static FieldMentionKind Write(SyntaxNode write, bool inInitialization)
        => !inInitialization ? FieldMentionKind.Write : IsInLoop(write) ? FieldMentionKind.Bounds : FieldMentionKind.Read;

    private static bool IsInLoop(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null and not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInLoopOrCallback(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
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
