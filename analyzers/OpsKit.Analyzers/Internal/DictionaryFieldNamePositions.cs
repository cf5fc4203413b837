using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Where the names of the non-private static dictionary fields occur in the compilation's files: any file
/// may write into such a field. Every file is searched once for the names of all the fields the rule can judge together,
/// the first time a field needs it, rather than once per field.
/// </summary>
internal sealed class DictionaryFieldNamePositions
{
    private readonly Compilation _compilation;
    private readonly string[] _names;
    private List<(SyntaxTree Tree, List<int> Positions)>? _found;

    /// <param name="compilation">The compilation.</param>
    /// <param name="names">The names of the non-private static fields that the rule judges.</param>
    public DictionaryFieldNamePositions(Compilation compilation, string[] names)
    {
        _compilation = compilation;
        _names = names;
    }

    /// <summary>
    /// The files where the name occurs, with where it occurs (among the other names: the caller checks the token). A
    /// name that was not known when the search was first needed is searched for on its own.
    /// </summary>
    public List<(SyntaxTree Tree, List<int> Positions)> Of(string name, CancellationToken cancellationToken)
    {
        if (Array.IndexOf(_names, name) < 0)
        {
            return Search([name], cancellationToken);
        }

        // A race computes the same answer twice at worst.
        return _found ??= Search(_names, cancellationToken);
    }

    private List<(SyntaxTree Tree, List<int> Positions)> Search(string[] names, CancellationToken cancellationToken)
    {
        var found = new List<(SyntaxTree Tree, List<int> Positions)>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (SourceTextSearch.PositionsInPlace(tree.GetText(cancellationToken), names) is { } positions)
            {
                found.Add((tree, positions));
            }
        }

        return found;
    }
}
