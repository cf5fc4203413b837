using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Whether a file's text contains a word, searched once per file and compilation. Rules use it to skip, before any
/// callback per node, the code blocks of files that cannot hold what they look for (a call named AddMemoryCache is in
/// a file whose text says AddMemoryCache).
/// </summary>
internal sealed class TreeMentions(string word)
{
    private readonly ConcurrentDictionary<SyntaxTree, bool> _trees = new();

    public bool In(SyntaxTree tree, CancellationToken cancellationToken)
        => _trees.TryGetValue(tree, out var mentions)
            ? mentions
            : _trees.GetOrAdd(tree, SourceTextSearch.IndexOf(tree.GetText(cancellationToken), word) >= 0);
}
