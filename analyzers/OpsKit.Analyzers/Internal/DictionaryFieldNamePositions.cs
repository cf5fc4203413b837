using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Where the name of a static dictionary field visible outside its type occurs in the compilation's files: any file may
/// write into such a field. Every file is searched once per name, the first time a field of that name needs it (most
/// compilations have no such field, and the others one or two). Generated files are not searched: their writes are not
/// the project's own code (<see cref="GeneratedCode"/>).
/// </summary>
internal sealed class DictionaryFieldNamePositions(Compilation compilation, AnalyzerOptions options)
{
    private readonly ConcurrentDictionary<string, List<(SyntaxTree Tree, List<int> Positions)>> _byName = new(StringComparer.Ordinal);

    /// <summary>The files where the name occurs, with where it occurs (the caller checks the token).</summary>
    public List<(SyntaxTree Tree, List<int> Positions)> Of(string name, CancellationToken cancellationToken)
        => _byName.TryGetValue(name, out var found) ? found : _byName.GetOrAdd(name, Search(name, cancellationToken));

    private List<(SyntaxTree Tree, List<int> Positions)> Search(string name, CancellationToken cancellationToken)
    {
        string[] names = [name];
        var found = new List<(SyntaxTree Tree, List<int> Positions)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var text = tree.GetText(cancellationToken);
            if (!GeneratedCode.IsLongAndGenerated(tree, text, options, cancellationToken)
                && WholeWords(text, name, SourceTextSearch.PositionsInPlace(text, names)) is { } positions
                && !GeneratedCode.IsGenerated(tree, options, cancellationToken))
            {
                found.Add((tree, positions));
            }
        }

        return found;
    }

    /// <summary>The positions where the name stands as a word of its own (not inside a longer name), or null when none does.</summary>
    private static List<int>? WholeWords(SourceText text, string name, List<int>? positions)
    {
        if (positions is null)
        {
            return null;
        }

        positions.RemoveAll(position => SourceTextSearch.IsIdentifierPart(text, position - 1) || SourceTextSearch.IsIdentifierPart(text, position + name.Length));
        return positions.Count > 0 ? positions : null;
    }
}
