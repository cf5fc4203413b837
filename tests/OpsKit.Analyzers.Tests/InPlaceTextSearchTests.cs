using System.Text;
using Microsoft.CodeAnalysis.Text;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Tests;

/// <summary>The searches that read a text's own string in place, and fall back to the buffered search for other texts.</summary>
public sealed class InPlaceTextSearchTests
{
    private const string Snippet = "Seen[deviceId] = now; Names.GetOrAdd(userId, load); Seen.Remove(deviceId);";

    [Fact]
    public void A_text_made_from_a_string_hands_out_that_very_string()
    {
        var source = "static readonly Dictionary<string, int> Map = new();";
        Assert.Same(source, SourceTextSearch.StoredString(SourceText.From(source)));
    }

    [Fact]
    public void A_large_text_read_from_a_stream_holds_no_single_string_and_is_searched_through_the_buffer()
    {
        var text = LargeText(out var content);
        Assert.Null(SourceTextSearch.StoredString(text));
        Assert.Equal(content.IndexOf("GetOrAdd", StringComparison.Ordinal), SourceTextSearch.IndexOfInPlace(text, "GetOrAdd"));
        Assert.Equal(Sorted(SourceTextSearch.Positions(text, ["Seen", "Names"])), Sorted(SourceTextSearch.PositionsInPlace(text, ["Seen", "Names"])));
    }

    [Fact]
    public void Every_occurrence_of_every_word_is_found_in_place_as_the_buffered_search_finds_it()
    {
        var text = SourceText.From(new string(' ', 16380) + Snippet + new string('\n', 20000) + Snippet);
        var inPlace = Sorted(SourceTextSearch.PositionsInPlace(text, ["Seen", "Names", "deviceId"]));
        Assert.Equal(Sorted(SourceTextSearch.Positions(text, ["Seen", "Names", "deviceId"])), inPlace);
        Assert.Equal(10, inPlace.Count);
        Assert.Null(SourceTextSearch.PositionsInPlace(text, ["Clear"]));
    }

    [Fact]
    public void Later_occurrences_are_found_in_place_from_a_start_position_up_to_the_end_of_the_text()
    {
        var text = SourceText.From(Snippet);
        var first = SourceTextSearch.IndexOfInPlace(text, "deviceId");
        var second = SourceTextSearch.IndexOfInPlace(text, "deviceId", first + 1);
        Assert.Equal(Snippet.LastIndexOf("deviceId", StringComparison.Ordinal), second);
        Assert.Equal(-1, SourceTextSearch.IndexOfInPlace(text, "deviceId", second + 1));
        Assert.Equal(-1, SourceTextSearch.IndexOfInPlace(text, "deviceId", Snippet.Length));
        Assert.Equal(-1, SourceTextSearch.IndexOfInPlace(text, "deviceId", Snippet.Length + 1));
    }

    private static SourceText LargeText(out string content)
    {
        var builder = new StringBuilder();
        while (builder.Length < 100_000)
        {
            builder.Append(Snippet).Append('\n');
        }

        content = builder.ToString();
        return SourceText.From(new MemoryStream(Encoding.UTF8.GetBytes(content)), Encoding.UTF8);
    }

    private static List<int> Sorted(List<int>? positions)
    {
        var sorted = new List<int>(positions ?? []);
        sorted.Sort();
        return sorted;
    }
}
