using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation and shared by the rules that search every file's text for a few words (OPS0006, OPS0007, OPS0009):
/// what one file says, read in one pass the first time any of them asks about the file. Reading a file's text costs
/// what bringing it into the processor's caches costs; the second and third word searched while it is there cost a
/// fraction of that, so the words are searched together and each file is brought in once, not once per rule
/// (docs/analyzers.md, "Measured this session").
/// </summary>
internal sealed class FileWords
{
    // OPS0009: every Open method of a connection ends like one of these (OpenConnection(Async) included).
    private const string OpenStem = "Open";
    private static readonly string[] OpenEndings = ["(", "Async(", "Connection(", "ConnectionAsync("];

    // OPS0007: every Connect method's name ends with one of these (SentinelConnect(Async) included).
    private static readonly string[] ConnectWords = ["Connect(", "ConnectAsync("];

    private static readonly ConditionalWeakTable<Compilation, FileWords> PerCompilation = new();

    private readonly ConcurrentDictionary<SyntaxTree, Words> _files = new();

    private FileWords()
    {
    }

    public static FileWords For(Compilation compilation) => PerCompilation.GetValue(compilation, _ => new FileWords());

    /// <summary>What the file's text says (read once per compilation).</summary>
    public Words Of(SyntaxTree tree, CancellationToken cancellationToken)
        => _files.TryGetValue(tree, out var words) ? words : _files.GetOrAdd(tree, Read(tree.GetText(cancellationToken)));

    private static Words Read(SourceText text)
        => new(
            SourceTextSearch.IndexOfInPlace(text, "ConnectionMultiplexer") >= 0 ? SourceTextSearch.PositionsInPlace(text, ConnectWords) : null,
            DictionaryFieldDeclarations.MayNameDictionaryType(text),
            SourceTextSearch.PositionsOfStem(text, OpenStem, OpenEndings));

    /// <summary>The facts about one file's text.</summary>
    internal sealed class Words(List<int>? connectCalls, bool mayNameDictionaryType, List<int>? openCalls)
    {
        /// <summary>Where <c>Connect(</c> or <c>ConnectAsync(</c> starts, in a file that names <c>ConnectionMultiplexer</c> (OPS0007); else null.</summary>
        public List<int>? ConnectCalls { get; } = connectCalls;

        /// <summary>Whether the text names a dictionary type where a declaration can (OPS0006, see <see cref="DictionaryFieldDeclarations"/>).</summary>
        public bool MayNameDictionaryType { get; } = mayNameDictionaryType;

        /// <summary>Where <c>Open</c> followed by <c>(</c>, <c>Async(</c>, <c>Connection(</c> or <c>ConnectionAsync(</c> starts (OPS0009); else null.</summary>
        public List<int>? OpenCalls { get; } = openCalls;
    }
}
