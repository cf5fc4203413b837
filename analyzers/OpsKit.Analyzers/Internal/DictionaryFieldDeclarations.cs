using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Decides from a field declaration's syntax alone (nothing is bound) whether it can be a dictionary the rule judges:
/// its type's syntax names a dictionary type or an alias of one, and its modifiers allow a long-lived field (static, or
/// a readonly instance field that is not visible outside its type). One instance per compilation keeps what that takes:
/// the global aliases of dictionary types, looked for only when a field's type is a plain name, and the static fields
/// visible outside their type, which are judged once every file has been seen.
/// </summary>
internal sealed class DictionaryFieldDeclarations
{
    private readonly Compilation _compilation;
    private HashSet<string>? _globalAliases;

    public DictionaryFieldDeclarations(Compilation compilation) => _compilation = compilation;

    /// <summary>The static fields visible outside their type: any file may write into them.</summary>
    public ConcurrentBag<VariableDeclaratorSyntax> Shared { get; } = [];

    /// <summary>Whether the declaration can hold a field the rule judges; <paramref name="isShared"/> for a static field visible outside its type.</summary>
    public bool IsCandidate(FieldDeclarationSyntax field, CancellationToken cancellationToken, out bool isShared)
    {
        var (isStatic, isReadOnly, isVisible) = Modifiers(field.Modifiers);
        isShared = isStatic && isVisible;
        return (isStatic || (isReadOnly && !isVisible)) // a mutable or visible instance field: its owner's users decide its fate
            && NamesDictionaryType(field.Declaration.Type, cancellationToken);
    }

    /// <summary>Whether the type's syntax is <c>Dictionary&lt;K, V&gt;</c> or <c>ConcurrentDictionary&lt;K, V&gt;</c> (qualified or not, nullable or not) or an alias of one.</summary>
    private bool NamesDictionaryType(TypeSyntax type, CancellationToken cancellationToken)
    {
        if (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        return type switch
        {
            GenericNameSyntax generic => IsDictionaryName(generic.Identifier.ValueText),
            QualifiedNameSyntax { Right: GenericNameSyntax generic } => IsDictionaryName(generic.Identifier.ValueText),
            AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => IsDictionaryName(generic.Identifier.ValueText),
            IdentifierNameSyntax identifier => IsAlias(identifier, cancellationToken),
            _ => false,
        };
    }

    /// <summary>
    /// Whether the name is an alias of a dictionary type (<c>using Map = Dictionary&lt;string, int&gt;;</c>) declared in
    /// the file (at its top or in an enclosing namespace) or globally in any file of the compilation.
    /// </summary>
    private bool IsAlias(IdentifierNameSyntax identifier, CancellationToken cancellationToken)
    {
        var name = identifier.Identifier.ValueText;
        var text = identifier.SyntaxTree.GetText(cancellationToken);
        for (var node = identifier.Parent; node is not null; node = node.Parent)
        {
            var usings = node switch
            {
                BaseNamespaceDeclarationSyntax @namespace => @namespace.Usings,
                CompilationUnitSyntax unit => unit.Usings,
                _ => default,
            };
            if (MayDeclareAlias(usings, text) && DeclaresAlias(usings, name))
            {
                return true;
            }
        }

        return (_globalAliases ??= FindGlobalAliases(cancellationToken)).Contains(name);
    }

    /// <summary>The global aliases of dictionary types (a race computes the same set twice at worst).</summary>
    private HashSet<string> FindGlobalAliases(CancellationToken cancellationToken)
    {
        var aliases = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit || !MayDeclareAlias(unit.Usings, tree.GetText(cancellationToken)))
            {
                continue;
            }

            // Global directives come before every other directive of their file.
            foreach (var directive in unit.Usings)
            {
                if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    break;
                }

                if (directive.Alias is { } alias && NamesDictionary(directive.NamespaceOrType))
                {
                    aliases.Add(alias.Name.Identifier.ValueText);
                }
            }
        }

        return aliases;
    }

    /// <summary>Whether the directives' text has an <c>=</c> at all: most files' have none, and their directives are then not read one by one.</summary>
    private static bool MayDeclareAlias(SyntaxList<UsingDirectiveSyntax> usings, SourceText text)
    {
        if (usings.Count == 0)
        {
            return false;
        }

        var span = usings.Span;
        var position = SourceTextSearch.IndexOfInPlace(text, "=", span.Start);
        return position >= 0 && position < span.End;
    }

    private static bool DeclaresAlias(SyntaxList<UsingDirectiveSyntax> usings, string name)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias
                && alias.Name.Identifier.ValueText == name
                && NamesDictionary(directive.NamespaceOrType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesDictionary(TypeSyntax type)
    {
        foreach (var token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && IsDictionaryName(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDictionaryName(string name) => name is "Dictionary" or "ConcurrentDictionary";

    private static (bool IsStatic, bool IsReadOnly, bool IsVisible) Modifiers(SyntaxTokenList modifiers)
    {
        var isStatic = false;
        var isReadOnly = false;
        var isVisible = false;
        foreach (var modifier in modifiers)
        {
            isStatic |= modifier.IsKind(SyntaxKind.StaticKeyword);
            isReadOnly |= modifier.IsKind(SyntaxKind.ReadOnlyKeyword);
            isVisible |= modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword);
        }

        return (isStatic, isReadOnly, isVisible);
    }
}
