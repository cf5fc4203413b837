using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The field declarations of one file that can be dictionaries the rule judges, found from text and syntax alone
/// (nothing is bound): only a file whose text names a dictionary type is walked, and only the member lists of its
/// namespaces and types, never a member's body. The rule asks from the file's own callback rather than searching every
/// file up front: measured, the search costs half as much there, once the driver has been through the file for the
/// analyzers that run on it (docs/analyzers.md, section Cost). A declaration is kept when its type's syntax names a
/// dictionary type or an alias of one, and its modifiers allow a long-lived field: static, or a readonly instance field
/// that is not visible outside its type.
/// </summary>
internal static class DictionaryFieldDeclarations
{
    /// <summary>The candidate variables declared in <paramref name="tree"/>, or null when there are none.</summary>
    /// <param name="tree">The file.</param>
    /// <param name="words">What the compilation's files say (whether this one names a dictionary type).</param>
    /// <param name="globalAliases">The compilation's global aliases of dictionary types (see <see cref="GlobalAliasNames"/>).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static List<VariableDeclaratorSyntax>? In(SyntaxTree tree, FileWords words, HashSet<string>? globalAliases, CancellationToken cancellationToken)
    {
        // Most files declare no dictionary, and searching the file's text is cheaper than walking its member lists (an
        // alias of a dictionary type declared in the file names the type too; a global one can name a field's type in
        // any file, so then every file is walked).
        if (globalAliases is null && !words.Of(tree, cancellationToken).MayNameDictionaryType)
        {
            return null;
        }

        if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
        {
            return null;
        }

        var found = new Found(globalAliases);
        found.Visit(unit, cancellationToken);
        return found.Declarators;
    }

    /// <summary>
    /// Whether the text names a dictionary type where a declaration can: <c>Dictionary&lt;</c> or
    /// <c>ConcurrentDictionary&lt;</c> as a word, not as the type of a <c>new</c> expression. A field's type always does,
    /// as does an alias of one; <c>IDictionary</c>, <c>ToDictionary</c> and <c>new Dictionary&lt;K, V&gt;()</c> in a method body do
    /// not, and the files that say only those (half of those that say Dictionary, in large projects) are not walked.
    /// </summary>
    public static bool MayNameDictionaryType(SourceText text)
    {
        const string Word = "Dictionary";
        const string Concurrent = "Concurrent";
        for (var position = SourceTextSearch.IndexOfInPlace(text, Word); position >= 0; position = SourceTextSearch.IndexOfInPlace(text, Word, position + Word.Length))
        {
            var start = SourceTextSearch.IsIdentifierPart(text, position - 1) ? position - Concurrent.Length : position;
            if ((start == position || SourceTextSearch.Spells(text, start, Concurrent))
                && !SourceTextSearch.IsIdentifierPart(text, start - 1)
                && NextNonSpace(text, position + Word.Length) is var open && open < text.Length && text[open] == '<'
                && (!FollowsNew(text, start) || NamesDeclaredMember(text, open)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// After <c>new</c>, whether the type's type arguments are followed by a name, as in a member declared with the
    /// <c>new</c> modifier (<c>static new Dictionary&lt;K, V&gt; Cache</c>), rather than by the arguments of a creation.
    /// Undecided (no closing bracket nearby) counts as a name.
    /// </summary>
    private static bool NamesDeclaredMember(SourceText text, int open)
    {
        const int Reach = 512;
        var depth = 0;
        for (var position = open; position < text.Length && position < open + Reach; position++)
        {
            switch (text[position])
            {
                case '<':
                    depth++;
                    break;
                case '>' when --depth == 0:
                    var next = NextNonSpace(text, position + 1);
                    return next < text.Length && (char.IsLetter(text[next]) || text[next] is '_' or '@');
            }
        }

        return true;
    }

    private static bool FollowsNew(SourceText text, int start)
    {
        var end = start;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end < start && SourceTextSearch.Spells(text, end - 3, "new") && !SourceTextSearch.IsIdentifierPart(text, end - 4);
    }

    /// <summary>The position of the first character at or after <paramref name="position"/> that is not white space, or the text's length.</summary>
    private static int NextNonSpace(SourceText text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>
    /// The names of the global aliases of dictionary types (<c>global using Map = Dictionary&lt;string, int&gt;;</c>, also
    /// from an MSBuild <c>&lt;Using Alias=…/&gt;</c> item): such an alias can name a field's type in any file.
    /// </summary>
    public static HashSet<string>? GlobalAliasNames(IReadOnlyList<UsingDirectiveSyntax> globalAliases)
    {
        HashSet<string>? names = null;
        foreach (var directive in globalAliases)
        {
            AddAlias(directive, ref names);
        }

        return names;
    }

    /// <summary>Adds the names of the aliases of dictionary types among the directives (<c>using Map = Dictionary&lt;string, int&gt;;</c>).</summary>
    private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, ref HashSet<string>? aliases)
    {
        foreach (var directive in usings)
        {
            AddAlias(directive, ref aliases);
        }
    }

    private static void AddAlias(UsingDirectiveSyntax directive, ref HashSet<string>? aliases)
    {
        if (directive.Alias is { } alias && NamesDictionary(directive.NamespaceOrType))
        {
            (aliases ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(alias.Name.Identifier.ValueText);
        }
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

    /// <summary>What the walk of one file found so far.</summary>
    private sealed class Found(HashSet<string>? globalAliases)
    {
        public List<VariableDeclaratorSyntax>? Declarators { get; private set; }

        public void Visit(CompilationUnitSyntax unit, CancellationToken cancellationToken)
        {
            // Aliases declared in this file (at its top or in one of its namespaces) can name a field's type anywhere in
            // it; taking them all for the whole file keeps a few extra declarations, which the rule's binding discards.
            HashSet<string>? localAliases = null;
            AddAliases(unit.Usings, ref localAliases);
            Visit(unit.Members, ref localAliases, cancellationToken);
        }

        private void Visit(SyntaxList<MemberDeclarationSyntax> members, ref HashSet<string>? localAliases, CancellationToken cancellationToken)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        if (NamesDictionaryType(field.Declaration.Type, localAliases))
                        {
                            Add(field);
                        }

                        break;
                    case TypeDeclarationSyntax type:
                        Visit(type.Members, ref localAliases, cancellationToken);
                        break;
                    case BaseNamespaceDeclarationSyntax @namespace:
                        cancellationToken.ThrowIfCancellationRequested();
                        AddAliases(@namespace.Usings, ref localAliases);
                        Visit(@namespace.Members, ref localAliases, cancellationToken);
                        break;
                }
            }
        }

        /// <summary>Whether the type's syntax is <c>Dictionary&lt;K, V&gt;</c> or <c>ConcurrentDictionary&lt;K, V&gt;</c> (qualified or not, nullable or not) or an alias of one.</summary>
        private bool NamesDictionaryType(TypeSyntax type, HashSet<string>? localAliases)
        {
            if (type is NullableTypeSyntax nullable)
            {
                type = nullable.ElementType;
            }

            var name = type switch
            {
                QualifiedNameSyntax qualified => qualified.Right,
                AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name switch
            {
                GenericNameSyntax generic => IsDictionaryName(generic.Identifier.ValueText),
                IdentifierNameSyntax identifier => globalAliases?.Contains(identifier.Identifier.ValueText) == true
                    || localAliases?.Contains(identifier.Identifier.ValueText) == true,
                _ => false,
            };
        }

        private void Add(FieldDeclarationSyntax field)
        {
            var (isStatic, isReadOnly, isVisible) = Modifiers(field.Modifiers);
            if (!isStatic && (!isReadOnly || isVisible))
            {
                return; // a mutable or visible instance field: its owner's users decide its fate
            }

            (Declarators ??= []).AddRange(field.Declaration.Variables);
        }
    }

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
