using Microsoft.CodeAnalysis.Text;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Tests;

/// <summary>The buffered search that finds AddMemoryCache and MemoryCacheOptions in files without copying them whole.</summary>
public sealed class SharedCacheTextSearchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4090)]
    [InlineData(4096)]
    [InlineData(9000)]
    [InlineData(16370)]
    [InlineData(16384)]
    [InlineData(40000)]
    public void A_name_is_found_wherever_it_sits_including_across_buffer_boundaries(int padding)
    {
        var text = SourceText.From(new string(' ', padding) + "services.AddMemoryCache();");
        Assert.Equal(padding + "services.".Length, SourceTextSearch.IndexOf(text, "AddMemoryCache"));
    }

    [Fact]
    public void Later_occurrences_are_found_from_a_start_position_and_a_missing_name_gives_minus_one()
    {
        var text = SourceText.From("AddMemoryCache(); AddMemoryCache(o => o.SizeLimit = 1);");
        var first = SourceTextSearch.IndexOf(text, "AddMemoryCache");
        Assert.Equal(18, SourceTextSearch.IndexOf(text, "AddMemoryCache", first + 1));
        Assert.Equal(-1, SourceTextSearch.IndexOf(text, "MemoryCacheOptions"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16382)]
    public void A_word_is_found_in_any_case_when_case_is_ignored(int padding)
    {
        var text = SourceText.From(new string(' ', padding) + "tags: [\"Live\"]");
        Assert.Equal(padding + "tags: [\"".Length, SourceTextSearch.IndexOfIgnoreCase(text, "live", 0));
        Assert.Equal(-1, SourceTextSearch.IndexOf(text, "live"));
    }
}
