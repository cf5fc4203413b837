using Microsoft.CodeAnalysis.Text;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Tests;

/// <summary>The one read of a file's text that the three memory-cache rules share.</summary>
public sealed class CacheFileTextTests
{
    [Fact]
    public void Write_names_are_found_only_as_whole_words_and_GetOrCreateAsync_counts_as_one()
    {
        const string code = "var s = Settings; _cache.Set(k, v); HashSet<int> h; c.GetOrCreateAsync(k, f); c.CreateEntry(k); c.SetSize(1);";
        var file = CacheFileText.Read(SourceText.From(code), CancellationToken.None);

        Assert.Equal(
            [code.IndexOf(".Set(", StringComparison.Ordinal) + 1, code.IndexOf("GetOrCreateAsync", StringComparison.Ordinal), code.IndexOf("CreateEntry", StringComparison.Ordinal)],
            file.WriteNameOffsets.ToArray());
        Assert.False(file.NamesMemoryCache);
        Assert.False(file.NamesNamespace);
    }

    [Fact]
    public void Every_mention_of_the_cache_type_is_kept_and_the_namespace_is_seen_in_a_using_directive()
    {
        var padding = new string(' ', 70_000);
        const string code = "using Microsoft.Extensions.Caching.Memory; IMemoryCache a; services.AddMemoryCache();";
        var text = SourceText.From(padding + code);
        var file = CacheFileText.Read(text, CancellationToken.None);

        // The namespace's own name (Caching.Memory) is no mention of the type.
        Assert.Equal([padding.Length + code.IndexOf("MemoryCache a", StringComparison.Ordinal), padding.Length + code.IndexOf("MemoryCache()", StringComparison.Ordinal)], file.CacheNameOffsets.ToArray());
        Assert.True(file.NamesNamespace);
        Assert.True(SourceTextSearch.Spells(text, file.CacheNameOffsets[1] - 3, "AddMemoryCache"));
        Assert.False(SourceTextSearch.Spells(text, file.CacheNameOffsets[0], "MemoryCacheOptions"));
    }
}
