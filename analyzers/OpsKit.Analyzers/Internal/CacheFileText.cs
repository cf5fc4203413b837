using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What one file's text says about memory caches, each searched at most once: where it names <c>MemoryCache</c> (also
/// inside <c>IMemoryCache</c>, <c>AddMemoryCache</c>, <c>MemoryCacheOptions</c>) and whether it names the
/// <c>Caching.Memory</c> namespace (one pass), and where a cache write's method name (<c>Set</c>, <c>GetOrCreate</c>,
/// <c>GetOrCreateAsync</c>, <c>CreateEntry</c>) stands as a whole word. The rules bind only at those offsets.
/// </summary>
internal sealed class CacheFileText
{
    private const string CacheName = "MemoryCache";

    private static readonly string[] WriteNames = ["Set", "GetOrCreate", "CreateEntry"];

    [ThreadStatic]
    private static char[]? ThreadBuffer;

    private readonly SourceText _text;
    private readonly Lazy<(ImmutableArray<int> CacheNameOffsets, bool NamesNamespace)> _cacheNames;
    private readonly Lazy<ImmutableArray<int>> _writeNameOffsets;

    private CacheFileText(SourceText text)
    {
        _text = text;

        // Each search runs only when a rule asks: the write names only in files that import the caching namespace,
        // the cache's name only in files that can see the cache or its registration.
        _cacheNames = new Lazy<(ImmutableArray<int>, bool)>(() => CacheNames(Chars(_text)));
        _writeNameOffsets = new Lazy<ImmutableArray<int>>(() => WriteOffsets(Chars(_text)));
    }

    /// <summary>Where the text says <c>MemoryCache</c>, in order.</summary>
    public ImmutableArray<int> CacheNameOffsets => _cacheNames.Value.CacheNameOffsets;

    public bool NamesMemoryCache => !CacheNameOffsets.IsEmpty;

    /// <summary>The text names <c>Caching.Memory</c> (a using directive or a qualified name).</summary>
    public bool NamesNamespace => _cacheNames.Value.NamesNamespace;

    /// <summary>Where a whole-word <c>Set</c>, <c>GetOrCreate</c>, <c>GetOrCreateAsync</c> or <c>CreateEntry</c> starts.</summary>
    public ImmutableArray<int> WriteNameOffsets => _writeNameOffsets.Value;

    /// <summary>The text of one file, searched lazily.</summary>
    public static CacheFileText Read(SourceText text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new CacheFileText(text);
    }

    /// <summary>One pass over the text for "Memory": MemoryCache and Caching.Memory both hold it.</summary>
    private static (ImmutableArray<int>, bool) CacheNames(ReadOnlySpan<char> chars)
    {
        ImmutableArray<int>.Builder? cacheNames = null;
        var namesNamespace = false;
        foreach (var offset in Occurrences(chars, "Memory", wholeWord: false))
        {
            if (offset + CacheName.Length <= chars.Length && chars.Slice(offset, CacheName.Length).SequenceEqual(CacheName.AsSpan()))
            {
                (cacheNames ??= ImmutableArray.CreateBuilder<int>()).Add(offset);
            }
            else if (offset >= 8 && chars.Slice(offset - 8, 8).SequenceEqual("Caching.".AsSpan()))
            {
                namesNamespace = true;
            }
        }

        return (cacheNames?.ToImmutable() ?? [], namesNamespace);
    }

    /// <summary>The whole text in a reused per-thread buffer: valid until the next call on the same thread.</summary>
    private static ReadOnlySpan<char> Chars(SourceText text)
    {
        var length = text.Length;
        var buffer = ThreadBuffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new char[Math.Max(length, 64 * 1024)];
            ThreadBuffer = buffer;
        }

        text.CopyTo(0, buffer, 0, length);
        return buffer.AsSpan(0, length);
    }

    private static ImmutableArray<int> WriteOffsets(ReadOnlySpan<char> chars)
    {
        List<int>? offsets = null;
        foreach (var name in WriteNames)
        {
            var found = Occurrences(chars, name, wholeWord: true);
            if (!found.IsEmpty)
            {
                (offsets ??= []).AddRange(found);
            }
        }

        if (offsets is null)
        {
            return [];
        }

        offsets.Sort();
        return [.. offsets];
    }

    private static ImmutableArray<int> Occurrences(ReadOnlySpan<char> chars, string word, bool wholeWord)
    {
        ImmutableArray<int>.Builder? offsets = null;
        var start = 0;
        while (start < chars.Length)
        {
            var index = chars.Slice(start).IndexOf(word.AsSpan());
            if (index < 0)
            {
                break;
            }

            var offset = start + index;
            var end = offset + word.Length;
            // GetOrCreate also covers GetOrCreateAsync.
            if (word == "GetOrCreate" && end + 5 <= chars.Length && chars.Slice(end, 5).SequenceEqual("Async".AsSpan()))
            {
                end += 5;
            }

            if (!wholeWord || (!IsIdentifierPart(chars, offset - 1) && !IsIdentifierPart(chars, end)))
            {
                (offsets ??= ImmutableArray.CreateBuilder<int>()).Add(offset);
            }

            start = offset + word.Length;
        }

        return offsets?.ToImmutable() ?? [];
    }

    private static bool IsIdentifierPart(ReadOnlySpan<char> chars, int position)
        => position >= 0 && position < chars.Length && (char.IsLetterOrDigit(chars[position]) || chars[position] == '_');
}
