using Microsoft.CodeAnalysis.CSharp;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Tests;

/// <summary>The identifier tokens that are exactly a name, found where a node's text says it.</summary>
public sealed class NameTokensTests
{
    [Fact]
    public void Only_the_tokens_that_spell_the_name_are_found_not_longer_identifiers_comments_or_strings()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            class Store
            {
                // _map holds the entries; _mapLock guards it
                private readonly object _mapLock = new();
                private readonly System.Collections.Generic.Dictionary<string, int> _map = new();
                private int my_map;

                public void Put(string key)
                {
                    lock (_mapLock) { this._map[key] = key.Length + my_map; }
                    System.Console.WriteLine("_map" + nameof(_map) + @_map.Count);
                }
            }
            """);
        var root = tree.GetRoot(CancellationToken.None);

        var found = NameTokens.In(root, "_map", CancellationToken.None).ToList();

        Assert.Equal(4, found.Count); // the declaration, this._map, nameof(_map), @_map
        Assert.All(found, token => Assert.Equal("_map", token.ValueText));
    }
}
