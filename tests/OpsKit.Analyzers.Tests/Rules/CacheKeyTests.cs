using OpsKit.Analyzers.Tests.Helpers;
using VerifyExpiration = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.CacheEntryWithoutExpirationAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>OPS0005 and the keys that cannot take many values: names derived from types, and values checked against them.</summary>
public sealed class CacheKeyTests
{
    private const string UnboundedSharedCache = """
        using Microsoft.Extensions.Caching.Memory;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<FeatureStore>();
        builder.Build().Run();

        """;

    [Fact]
    public Task A_name_read_from_any_type_value_is_one_entry_per_type()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class FeatureStore(IMemoryCache cache)
            {
                public void Remember(object feature, Type kind)
                {
                    cache.Set(feature.GetType().FullName!, feature);
                    cache.Set(kind.Name, feature);
                    cache.Set(kind.AssemblyQualifiedName ?? "", feature);
                }

                public void RememberFor(string tenant, object feature) => cache.[|Set(tenant, feature)|];
            }
            """, TestProject.WebApp);

    [Fact]
    public Task A_caller_given_name_that_falls_back_to_a_type_name_is_a_fixed_set_but_one_that_falls_back_to_a_constant_is_not()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class FeatureStore(IMemoryCache cache)
            {
                public void Remember<TFeature>(TFeature feature, string? name = null)
                    => cache.Set(name ?? NameFor(typeof(TFeature)), feature);

                public void RememberNamed(object feature, string? name)
                    => cache.[|Set(name ?? "default", feature)|];

                private static string NameFor(Type type) => "feature:" + type.FullName;
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Rows_read_back_for_a_set_of_feature_types_are_silent_once_each_row_is_looked_up_among_the_type_names()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed record FeatureRow(string Key, string? Json);

            public sealed class FeatureStore(IMemoryCache cache)
            {
                public Dictionary<Type, string?> Preload((Type Kind, string? Name)[] features, IEnumerable<FeatureRow> rows)
                {
                    var byName = features.ToDictionary(f => f.Name ?? NameFor(f.Kind));
                    var loaded = new Dictionary<Type, string?>();
                    foreach (var row in rows)
                    {
                        var kind = byName[row.Key].Kind;
                        loaded[kind] = row.Json;
                        cache.GetOrCreate(KeyOf(row.Key), entry => row.Json);
                    }

                    return loaded;
                }

                public void PreloadAny(IEnumerable<FeatureRow> rows)
                {
                    foreach (var row in rows)
                    {
                        cache.[|GetOrCreate(KeyOf(row.Key), entry => row.Json)|];
                    }
                }

                public void PreloadForUsers(string[] users, IEnumerable<FeatureRow> rows)
                {
                    var byUser = users.ToDictionary(u => u);
                    foreach (var row in rows)
                    {
                        var user = byUser[row.Key];
                        cache.[|GetOrCreate(KeyOf(row.Key), entry => user + row.Json)|];
                    }
                }

                private static string NameFor(Type type) => type.FullName ?? type.Name;

                private static string KeyOf(string name) => "features:" + name;
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Rows_of_a_query_whose_package_is_not_restored_are_still_matched_to_the_type_names_they_were_looked_up_in()
        => VerifyExpiration.VerifyBrokenAsync(UnboundedSharedCache + """
            public sealed class FeatureStore(IMemoryCache cache)
            {
                public async Task<Dictionary<Type, string?>> PreloadAsync((Type Kind, string? Name)[] features, System.Data.Common.DbConnection connection)
                {
                    var byName = features.ToDictionary(f => f.Name ?? NameFor(f.Kind));
                    var rows = await connection.QueryRowsAsync<(string Key, string? Json)>("select key, json from features");
                    var loaded = new Dictionary<Type, string?>();
                    foreach (var row in rows)
                    {
                        var kind = byName[row.Key].Kind;
                        loaded[kind] = row.Json;
                        cache.GetOrCreate(KeyOf(row.Key), entry => row.Json);
                    }

                    return loaded;
                }

                public async Task PreloadAnyAsync(System.Data.Common.DbConnection connection)
                {
                    var rows = await connection.QueryRowsAsync<(string Key, string? Json)>("select key, json from features");
                    foreach (var row in rows)
                    {
                        cache.[|GetOrCreate(KeyOf(row.Key), entry => row.Json)|];
                    }
                }

                private static string NameFor(Type type) => type.FullName ?? type.Name;

                private static string KeyOf(string name) => "features:" + name;
            }
            """, TestProject.WebApp);
}
