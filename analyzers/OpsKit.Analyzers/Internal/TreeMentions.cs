using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Whether a file's text contains one of a few words, searched once per file and compilation. Rules use it to skip,
/// before any callback per node, the code blocks of files that cannot hold what they look for: a call named
/// AddMemoryCache is in a file whose text says AddMemoryCache.
/// </summary>
internal sealed class TreeMentions
{
    private readonly string[] _words;
    private readonly bool _wholeWord;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _trees = new();

    /// <param name="wholeWord">Only occurrences that are not part of a longer identifier count (Set, not Settings).</param>
    /// <param name="words">The words; any one of them is enough.</param>
    public TreeMentions(bool wholeWord, params string[] words)
    {
        _wholeWord = wholeWord;
        _words = words;
    }

    public bool In(SyntaxTree tree, CancellationToken cancellationToken)
        => _trees.TryGetValue(tree, out var mentions)
            ? mentions
            : _trees.GetOrAdd(tree, Search(tree.GetText(cancellationToken)));

    /// <summary>
    /// Whether some file of the compilation mentions a word: a rule asks it at compilation start and registers no
    /// callback at all when none does (the answers per file are kept for the callbacks).
    /// </summary>
    public bool InAny(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (In(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool Search(SourceText text)
    {
        foreach (var word in _words)
        {
            for (var index = SourceTextSearch.IndexOf(text, word); index >= 0; index = SourceTextSearch.IndexOf(text, word, index + word.Length))
            {
                if (!_wholeWord || (!IsIdentifierPart(text, index - 1) && !IsIdentifierPart(text, index + word.Length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsIdentifierPart(SourceText text, int position)
        => position >= 0 && position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_');
}
