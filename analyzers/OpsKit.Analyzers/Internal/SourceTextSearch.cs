using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Ordinal search in a <see cref="SourceText"/> through a small reused buffer, without copying the whole file into a
/// string. The span search is the runtime's vectorized one: scanning every file of a large project stays in the
/// low milliseconds.
/// </summary>
internal static class SourceTextSearch
{
    private const int ChunkLength = 16 * 1024;

    private static readonly Type? StringTextType = typeof(SourceText).Assembly.GetType("Microsoft.CodeAnalysis.Text.StringText");

    [ThreadStatic]
    private static char[]? ThreadBuffer;

    /// <summary>The position of the first <paramref name="value"/> at or after <paramref name="start"/>, or -1.</summary>
    public static int IndexOf(SourceText text, string value, int start = 0)
        => IndexOf(text, value, start, StringComparison.Ordinal);

    /// <summary>The position of the first <paramref name="value"/> at or after <paramref name="start"/>, ignoring case, or -1.</summary>
    public static int IndexOfIgnoreCase(SourceText text, string value, int start)
        => IndexOf(text, value, start, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where any of <paramref name="words"/> starts in the text (unordered, every occurrence), or null when none occurs.
    /// Each chunk is copied once for all the words.
    /// </summary>
    public static List<int>? Positions(SourceText text, string[] words)
    {
        List<int>? positions = null;
        var longest = 0;
        foreach (var word in words)
        {
            longest = Math.Max(longest, word.Length);
        }

        var buffer = Buffer(ChunkLength + longest);
        for (var start = 0; start < text.Length; start += ChunkLength)
        {
            // Consecutive chunks overlap by the longest word, so a word across a chunk boundary is found once: in the
            // chunk where it starts.
            var count = Math.Min(ChunkLength + longest - 1, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var chunk = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var word in words)
            {
                for (var offset = 0; offset < count;)
                {
                    var index = chunk.Slice(offset).IndexOf(word.AsSpan(), StringComparison.Ordinal);
                    if (index < 0 || offset + index >= ChunkLength)
                    {
                        break;
                    }

                    (positions ??= []).Add(start + offset + index);
                    offset += index + 1;
                }
            }
        }

        return positions;
    }

    /// <summary>
    /// Where <paramref name="stem"/> followed directly by one of <paramref name="endings"/> starts in the text
    /// (unordered, every occurrence), or null when none does: one search for the stem, whatever the number of endings.
    /// A text that keeps its characters in one string is searched in place, without copying it.
    /// </summary>
    public static List<int>? PositionsOfStem(SourceText text, string stem, string[] endings)
    {
        if (StoredString(text) is { } whole)
        {
            return PositionsOfStem(whole.AsSpan(), 0, whole.Length, stem, endings, null);
        }

        var longest = 0;
        foreach (var ending in endings)
        {
            longest = Math.Max(longest, ending.Length);
        }

        // Consecutive chunks overlap by the stem and its longest ending, so a match across a chunk boundary is found
        // once, in the chunk where it starts, with its ending in the same chunk.
        var overlap = stem.Length + longest - 1;
        var buffer = Buffer(ChunkLength + overlap);
        List<int>? positions = null;
        for (var start = 0; start < text.Length; start += ChunkLength)
        {
            var count = Math.Min(ChunkLength + overlap, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            positions = PositionsOfStem(new ReadOnlySpan<char>(buffer, 0, count), start, Math.Min(ChunkLength, count), stem, endings, positions);
        }

        return positions;
    }

    /// <summary>Matches in <paramref name="chunk"/> that start before <paramref name="limit"/>, at their place in the text.</summary>
    private static List<int>? PositionsOfStem(ReadOnlySpan<char> chunk, int origin, int limit, string stem, string[] endings, List<int>? positions)
    {
        for (var offset = 0; offset < limit;)
        {
            var index = chunk.Slice(offset).IndexOf(stem.AsSpan(), StringComparison.Ordinal);
            if (index < 0 || offset + index >= limit)
            {
                break;
            }

            var match = offset + index;
            var rest = chunk.Slice(match + stem.Length);
            foreach (var ending in endings)
            {
                if (rest.StartsWith(ending.AsSpan(), StringComparison.Ordinal))
                {
                    (positions ??= []).Add(origin + match);
                    break;
                }
            }

            offset = match + 1;
        }

        return positions;
    }

    /// <summary>
    /// <see cref="IndexOf(SourceText, string, int)"/> that searches the text's own string in place when it holds one
    /// (see <see cref="StoredString"/>) instead of copying it chunk by chunk.
    /// </summary>
    public static int IndexOfInPlace(SourceText text, string value, int start = 0)
        => StoredString(text) is not { } source ? IndexOf(text, value, start)
            : start > source.Length ? -1
            : source.IndexOf(value, start, StringComparison.Ordinal);

    /// <summary>
    /// <see cref="Positions"/> that searches the text's own string in place when it holds one (see
    /// <see cref="StoredString"/>) instead of copying it chunk by chunk.
    /// </summary>
    public static List<int>? PositionsInPlace(SourceText text, string[] words)
    {
        if (StoredString(text) is not { } source)
        {
            return Positions(text, words);
        }

        List<int>? positions = null;
        if (words.Length == 1)
        {
            var word = words[0];
            for (var index = source.IndexOf(word, StringComparison.Ordinal); index >= 0; index = source.IndexOf(word, index + 1, StringComparison.Ordinal))
            {
                (positions ??= []).Add(index);
            }

            return positions;
        }

        // Several words are searched window by window, so that a large file is read from memory once, not once a word.
        var longest = 0;
        foreach (var word in words)
        {
            longest = Math.Max(longest, word.Length);
        }

        for (var start = 0; start < source.Length; start += ChunkLength)
        {
            // Consecutive windows overlap by the longest word, so a word across a boundary is found once: in the
            // window where it starts.
            var window = source.AsSpan(start, Math.Min(ChunkLength + longest - 1, source.Length - start));
            foreach (var word in words)
            {
                for (var offset = 0; offset < window.Length;)
                {
                    var index = window.Slice(offset).IndexOf(word.AsSpan(), StringComparison.Ordinal);
                    if (index < 0 || offset + index >= ChunkLength)
                    {
                        break;
                    }

                    (positions ??= []).Add(start + offset + index);
                    offset += index + 1;
                }
            }
        }

        return positions;
    }

    /// <summary>
    /// The string a text parsed from a string or a small stream keeps (Roslyn's <c>StringText</c>, whose whole-text
    /// <c>ToString()</c> returns it without copying), or null for any other kind of text (large files, editor buffers).
    /// </summary>
    public static string? StoredString(SourceText text)
        => StringTextType is not null && text.GetType() == StringTextType ? text.ToString() : null;

    /// <summary>Whether <paramref name="value"/> stands in the text at <paramref name="start"/>.</summary>
    public static bool Spells(SourceText text, int start, string value)
    {
        if (start < 0 || start + value.Length > text.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (text[start + i] != value[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the character at <paramref name="position"/> exists and can be part of an identifier (a letter, digit or underscore).</summary>
    public static bool IsIdentifierPart(SourceText text, int position)
        => position >= 0 && position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_');

    private static int IndexOf(SourceText text, string value, int start, StringComparison comparison)
    {
        var buffer = Buffer(ChunkLength + value.Length);
        for (var position = start; position < text.Length; position += ChunkLength)
        {
            var count = Math.Min(ChunkLength + value.Length, text.Length - position);
            if (count < value.Length)
            {
                return -1;
            }

            // Consecutive chunks overlap by value.Length characters, so a match across a chunk boundary is found.
            text.CopyTo(position, buffer, 0, count);
            var index = comparison == StringComparison.Ordinal
                ? ((ReadOnlySpan<char>)buffer.AsSpan(0, count)).IndexOf(value.AsSpan())
                : ((ReadOnlySpan<char>)buffer.AsSpan(0, count)).IndexOf(value.AsSpan(), comparison);
            if (index >= 0)
            {
                return position + index;
            }
        }

        return -1;
    }

    private static char[] Buffer(int length)
    {
        var buffer = ThreadBuffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new char[Math.Max(length, ChunkLength + 64)];
            ThreadBuffer = buffer;
        }

        return buffer;
    }
}
