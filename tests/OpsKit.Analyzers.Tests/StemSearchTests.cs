using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Tests;

/// <summary>The one-pass search for a word followed by one of a few endings (OPS0009's opens).</summary>
public sealed class StemSearchTests
{
    private static readonly string[] Endings = ["(", "Async(", "Connection(", "ConnectionAsync("];

    [Theory]
    [InlineData(0)]
    [InlineData(16370)]
    [InlineData(16380)]
    [InlineData(16383)]
    [InlineData(16384)]
    [InlineData(40000)]
    [InlineData(65520)]
    [InlineData(65530)]
    [InlineData(65534)]
    [InlineData(70000)]
    public void Matches_are_found_once_across_chunk_boundaries_in_texts_held_whole_or_in_pieces(int padding)
    {
        var content = new string(' ', padding) + "c.OpenConnectionAsync(); c.OpenTelemetry(); c.Open ();";
        var expected = new[] { padding + 2 };
        Assert.Equal(expected, SourceTextSearch.PositionsOfStem(SourceText.From(content), "Open", Endings));

        // A stream of that size gives Roslyn's chunked text, which is searched through the copy buffer.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        Assert.Equal(expected, SourceTextSearch.PositionsOfStem(SourceText.From(stream), "Open", Endings));
    }

    [Fact]
    public void Every_ending_matches_and_a_text_without_one_gives_null()
    {
        var text = SourceText.From("a.Open(); a.OpenAsync(); d.OpenConnection(); d.OpenConnectionAsync(); Opened(); Open");
        Assert.Equal([2, 12, 27, 47], SourceTextSearch.PositionsOfStem(text, "Open", Endings)!.Order());
        Assert.Null(SourceTextSearch.PositionsOfStem(SourceText.From("OpenTelemetry; Reopen; Open"), "Open", Endings));
    }
}
