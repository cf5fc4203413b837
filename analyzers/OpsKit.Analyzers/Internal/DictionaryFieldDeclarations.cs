using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The fields of a compilation whose declared type can be a dictionary, found from member declarations alone (no method
/// body is visited, nothing is bound): the type's syntax names <c>Dictionary</c> or <c>ConcurrentDictionary</c>, or an
/// alias (a <c>using X = …;</c> could hide either name). A compilation without one needs no callback per type or per
/// field reference, and a type whose member names include none of them has nothing to inspect.
/// </summary>
internal sealed class DictionaryFieldDeclarations
{
    private DictionaryFieldDeclarations(HashSet<string> names, bool anyShared, bool anyInstance)
    {
        Names = names;
        AnyShared = anyShared;
        AnyInstance = anyInstance;
    }

    /// <summary>The names of the fields that may be dictionaries.</summary>
    public HashSet<string> Names { get; }

    /// <summary>Whether one of them is static and not private (visible to other types of the compilation).</summary>
    public bool AnyShared { get; }

    /// <summary>Whether one of them is an instance field.</summary>
    public bool AnyInstance { get; }

    /// <summary>Whether the type declares a field of one of the names.</summary>
    public bool DeclaredIn(INamedTypeSymbol type)
    {
        foreach (var name in type.MemberNames)
        {
            if (Names.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    public static DictionaryFieldDeclarations Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var globalAliases = new List<string>();
        var roots = new List<SyntaxNode>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot(cancellationToken);
            roots.Add(root);
            if (root is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Alias is not null)
                    {
                        globalAliases.Add(directive.Alias.Name.Identifier.ValueText);
                    }
                }
            }
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var anyShared = false;
        var anyInstance = false;
        var typeNames = new List<string>();
        foreach (var root in roots)
        {
            typeNames.Clear();
            typeNames.Add("Dictionary");
            typeNames.Add("ConcurrentDictionary");
            typeNames.AddRange(globalAliases);
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Alias: { } alias }:
                        typeNames.Add(alias.Name.Identifier.ValueText);
                        break;
                    case FieldDeclarationSyntax field when MentionsAny(field.Declaration.Type, typeNames):
                        foreach (var variable in field.Declaration.Variables)
                        {
                            names.Add(variable.Identifier.ValueText);
                        }

                        var (isStatic, isVisible) = Modifiers(field.Modifiers);
                        anyShared |= isStatic && isVisible;
                        anyInstance |= !isStatic;
                        break;
                }
            }
        }

        return new DictionaryFieldDeclarations(names, anyShared, anyInstance);
    }

    private static bool MentionsAny(TypeSyntax type, List<string> typeNames)
    {
        foreach (var token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && typeNames.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static (bool IsStatic, bool IsVisible) Modifiers(SyntaxTokenList modifiers)
    {
        var isStatic = false;
        var isVisible = false;
        foreach (var modifier in modifiers)
        {
            isStatic |= modifier.IsKind(SyntaxKind.StaticKeyword);
            isVisible |= modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword);
        }

        return (isStatic, isVisible);
    }
}
