using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Tests;

/// <summary>The per-file word filter that spares rules a callback per node in files that cannot hold their shapes.</summary>
public sealed class TreeMentionsTests
{
    [Theory]
    [InlineData("cache.Set(key, value);", true)]
    [InlineData("cache?.Set(key, value);", true)]
    [InlineData("var s = settings.Settings; var h = new HashSet<int>(); Reset();", false)]
    [InlineData("var x = @Set;", true)]
    public void A_whole_word_filter_ignores_the_word_inside_longer_identifiers(string code, bool expected)
    {
        var mentions = new TreeMentions(wholeWord: true, "Set", "GetOrCreate");
        Assert.Equal(expected, mentions.In(CSharpSyntaxTree.ParseText(code), CancellationToken.None));
    }

    [Fact]
    public void A_substring_filter_finds_the_word_inside_longer_identifiers_and_answers_each_file_once()
    {
        var mentions = new TreeMentions(wholeWord: false, "Singleton");
        var tree = CSharpSyntaxTree.ParseText("services.TryAddKeyedSingleton<IClock, SystemClock>(\"utc\");");
        Assert.True(mentions.In(tree, CancellationToken.None));
        Assert.True(mentions.In(tree, CancellationToken.None));
        Assert.False(mentions.In(CSharpSyntaxTree.ParseText("services.AddScoped<IClock, SystemClock>();"), CancellationToken.None));
    }
}
