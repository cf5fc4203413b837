using System;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>Ordinal search in a <see cref="SourceText"/> through a small buffer, without copying the whole file into a string.</summary>
internal static class SourceTextSearch
{
    private const int ChunkLength = 4096;

    /// <summary>The position of the first <paramref name="value"/> at or after <paramref name="start"/>, or -1.</summary>
    public static int IndexOf(SourceText text, string value, int start = 0)
    {
        var buffer = new char[ChunkLength + value.Length];
        for (var position = start; position < text.Length; position += ChunkLength)
        {
            var count = Math.Min(buffer.Length, text.Length - position);
            if (count < value.Length)
            {
                return -1;
            }

            text.CopyTo(position, buffer, 0, count);
            for (var i = 0; i + value.Length <= count; i++)
            {
                if (buffer[i] == value[0] && Matches(buffer, i, value))
                {
                    return position + i;
                }
            }
        }

        return -1;
    }

    private static bool Matches(char[] buffer, int index, string value)
    {
        for (var j = 1; j < value.Length; j++)
        {
            if (buffer[index + j] != value[j])
            {
                return false;
            }
        }

        return true;
    }
}
