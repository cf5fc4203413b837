using OpsKit.Analyzers.Rules;
using OpsKit.Analyzers.Tests.Helpers;
using Fix = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.CacheEntryWithoutSizeAnalyzer, OpsKit.Analyzers.Rules.CacheEntryWithoutSizeCodeFix>;
using VerifyExpiration = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.CacheEntryWithoutExpirationAnalyzer>;
using VerifySize = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.CacheEntryWithoutSizeAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class CacheEntryTests
{
    private static readonly TestProject Library = TestProject.Library;

    private const string LimitedCache = """
        using Microsoft.Extensions.Caching.Memory;

        public sealed class ProductCache
        {
            private readonly IMemoryCache _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1_000 });

        """;

    // ---- OPS0004 ----

    [Fact]
    public Task Set_without_Size_on_a_size_limited_field_is_reported()
        => VerifySize.VerifyAsync(LimitedCache + """
                public void Put(string id, string product) => _cache.[|Set(id, product)|];

                public void PutFor(string id, string product) => _cache.[|Set(id, product, TimeSpan.FromMinutes(5))|];

                public void PutWithOptions(string id, string product)
                    => _cache.[|Set(id, product, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) })|];
            }
            """, Library);

    [Fact]
    public Task GetOrCreate_factory_without_Size_is_reported()
        => VerifySize.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class ProductCache
            {
                private readonly MemoryCache _cache;

                public ProductCache() => _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 500 });

                public Task<string?> GetAsync(string id) => _cache.[|GetOrCreateAsync(id, async entry =>
                {
                    entry.SlidingExpiration = TimeSpan.FromMinutes(2);
                    await Task.Yield();
                    return id;
                })|];
            }
            """, Library);

    [Fact]
    public Task A_write_in_a_file_that_neither_names_the_cache_nor_imports_its_namespace_is_judged_through_a_global_using()
        => VerifyExpiration.VerifyAsync("""
            public sealed class SessionStore(CacheHolder holder)
            {
                public void Remember(string userId, string session) => holder.Shared.[|Set(userId, session)|];
            }
            """, Library with
            {
                AdditionalSources =
                [
                    "global using Microsoft.Extensions.Caching.Memory;",
                    """
                    using Microsoft.Extensions.DependencyInjection;

                    public sealed class CacheHolder(IMemoryCache shared)
                    {
                        public IMemoryCache Shared { get; } = shared;
                    }

                    public static class Composition
                    {
                        public static void Add(IServiceCollection services) => services.AddMemoryCache();
                    }
                    """,
                ],
            });

    [Fact]
    public Task Entries_with_Size_are_silent()
        => VerifySize.VerifyAsync(LimitedCache + """
                public void Put(string id, string product) => _cache.Set(id, product, new MemoryCacheEntryOptions { Size = 1 });

                public void PutFluent(string id, string product) => _cache.Set(id, product, new MemoryCacheEntryOptions().SetSize(product.Length).SetSlidingExpiration(TimeSpan.FromMinutes(1)));

                public string? Get(string id) => _cache.GetOrCreate(id, entry =>
                {
                    entry.SetSize(1);
                    return id;
                });

                public string? GetWithOptions(string id, MemoryCacheEntryOptions options) => _cache.GetOrCreate(id, entry =>
                {
                    entry.SetOptions(options);
                    return id;
                });
            }
            """, Library);

    [Fact]
    public Task Cache_from_DI_or_with_unknown_options_is_silent()
        => VerifySize.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Options;

            public sealed class ProductCache(IMemoryCache injected, IOptions<MemoryCacheOptions> options)
            {
                private readonly IMemoryCache _injected = injected;
                private readonly MemoryCache _configured = new(options);
                private readonly MemoryCache _switching = new(new MemoryCacheOptions { SizeLimit = 10 });

                public void Reset() => _switching = new MemoryCache(new MemoryCacheOptions());

                public void Put(string id)
                {
                    _injected.Set(id, id);
                    _configured.Set(id, id);
                    _switching.Set(id, id);
                }
            }
            """.Replace("private readonly MemoryCache _switching", "private MemoryCache _switching", StringComparison.Ordinal), Library);

    [Fact]
    public Task Options_object_from_a_variable_is_silent()
        => VerifySize.VerifyAsync(LimitedCache + """
                private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1 };

                public void Put(string id, string product) => _cache.Set(id, product, EntryOptions);
            }
            """, Library);

    [Fact]
    public Task OPS0004_project_without_caching_is_silent()
        => VerifySize.VerifyAsync("public sealed class Nothing;", TestProject.BareConsole with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task OPS0004_half_broken_compilation_does_not_throw()
        => VerifySize.VerifyBrokenAsync(LimitedCache + """
                public void Put(string id) => _cache.Set(id, Missing.Value, Unknown.Options);
            }
            """, Library);

    [Fact]
    public Task OPS0004_before_restore_an_unsized_Set_on_a_cache_a_wrapper_created_with_a_SizeLimit_is_reported()
        => VerifySize.VerifyBrokenAsync("""
            namespace Bot
            {
                using Microsoft.Extensions.Caching.Memory;

                public sealed class PlayerStore
                {
                    private readonly MemoryCache _players;
                    private readonly MemoryCache _unknown;

                    public PlayerStore(BoundedCacheHolder holder, MemoryCache other)
                    {
                        _players = holder.Cache;
                        _unknown = other;
                    }

                    public void Remember(string name, List<string> games)
                    {
                        _players.[|Set(name, games)|];
                        _players.[|Set<List<string>>(name, games, TimeSpan.FromMinutes(5))|];
                        _players.Set(name, games, new MemoryCacheEntryOptions { Size = 1 });
                        _unknown.Set(name, games);
                    }
                }

                public sealed class BoundedCacheHolder
                {
                    public MemoryCache Cache { get; } = new MemoryCache(new MemoryCacheOptions { SizeLimit = 256 });
                }

                public sealed class OpenCacheHolder
                {
                    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

                    public void Put(string name, string value) => _cache.Set(name, value);
                }
            }
            """, TestProject.BareConsole);

    // ---- OPS0005 ----

    [Fact]
    public Task Entry_without_expiration_on_an_unbounded_field_is_reported()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class TokenCache
            {
                private static readonly MemoryCache Cache = new(new MemoryCacheOptions());

                public static void Put(string user, string token) => Cache.[|Set(user, token)|];

                public static string? Get(string user) => Cache.[|GetOrCreate(user, entry => entry.Key.ToString())|];
            }
            """, Library);

    [Fact]
    public Task Entries_with_expiration_or_on_a_bounded_cache_are_silent()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class TokenCache
            {
                private static readonly MemoryCache Unbounded = new(new MemoryCacheOptions());
                private static readonly MemoryCache Bounded = new(new MemoryCacheOptions { SizeLimit = 100 });

                public static void Put(string user, string token)
                {
                    Unbounded.Set(user, token, TimeSpan.FromMinutes(10));
                    Unbounded.Set(user, token, DateTimeOffset.UtcNow.AddHours(1));
                    Unbounded.Set(user, token, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
                    Unbounded.GetOrCreate(user, entry =>
                    {
                        entry.SetSlidingExpiration(TimeSpan.FromMinutes(5));
                        return token;
                    });
                    Bounded.Set(user, token, new MemoryCacheEntryOptions { Size = 1 });
                }
            }
            """, Library);

    [Fact]
    public Task A_time_passed_as_the_value_of_the_static_form_is_no_expiration()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class Timeouts
            {
                private static readonly MemoryCache Cache = new(new MemoryCacheOptions());

                public static void Remember(string route) => CacheExtensions.[|Set(Cache, route, TimeSpan.FromSeconds(30))|];

                public static void RememberFor(string route, TimeSpan timeout) => Cache.Set(route, timeout, TimeSpan.FromMinutes(1));
            }
            """, Library);

    [Fact]
    public Task An_expiration_set_on_a_nested_lambda_parameter_of_the_same_name_is_not_the_entry_expiration()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class Sessions
            {
                private static readonly MemoryCache Cache = new(new MemoryCacheOptions());

                public static string Open(string user) => Cache.[|GetOrCreate(user, entry =>
                {
                    Action<ICacheEntry> expire = entry => entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
                    return user.ToUpperInvariant();
                })|]!;

                public static string Resume(string user) => Cache.GetOrCreate(user, (ICacheEntry entry) =>
                {
                    entry.SlidingExpiration = TimeSpan.FromMinutes(20);
                    return user;
                })!;
            }
            """, Library);

    [Fact]
    public Task OPS0005_test_project_is_silent()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class TokenCacheTests
            {
                private readonly MemoryCache _cache = new(new MemoryCacheOptions());

                public void Put() => _cache.Set("a", "b");
            }
            """, Library with { IsTest = true });

    // ---- the shared DI cache and caches reached from other classes ----

    private const string BoundedSharedCache = """
        using Microsoft.Extensions.Caching.Memory;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMemoryCache(options => options.SizeLimit = 2_000);
        builder.Services.AddSingleton<CatalogService>();
        builder.Build().Run();

        """;

    private const string UnboundedSharedCache = """
        using Microsoft.Extensions.Caching.Memory;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<CatalogService>();
        builder.Build().Run();

        """;

    [Fact]
    public Task Unsized_writes_through_an_injected_cache_are_reported_when_the_app_bounds_the_shared_cache()
        => VerifySize.VerifyAsync(BoundedSharedCache + """
            public sealed class CatalogService(IMemoryCache cache)
            {
                private readonly IMemoryCache _cache = cache;

                public void Remember(string sku, string title) => _cache.[|Set(sku, title)|];

                public Task<string?> TitleAsync(string sku) => cache.[|GetOrCreateAsync(sku, async entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                    await Task.Yield();
                    return sku;
                })|];

                public void Store(string sku)
                {
                    using var entry = _cache.[|CreateEntry(sku)|];
                    entry.Value = sku;
                }
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Sizes_set_through_a_readonly_options_field_a_local_or_a_created_entry_are_silent()
        => VerifySize.VerifyAsync(BoundedSharedCache + """
            public sealed class CatalogService
            {
                private readonly IMemoryCache _cache;
                private readonly MemoryCacheEntryOptions _options;

                public CatalogService(IMemoryCache cache)
                {
                    _cache = cache;
                    _options = new MemoryCacheEntryOptions().SetSize(1).SetSlidingExpiration(TimeSpan.FromMinutes(5));
                }

                public void Remember(string sku, string title) => _cache.Set(sku, title, _options);

                public void RememberLarge(string sku, string title)
                {
                    var options = new MemoryCacheEntryOptions();
                    options.SetSize(title.Length);
                    _cache.Set(sku, title, options);
                }

                public void Store(string sku)
                {
                    using var entry = _cache.CreateEntry(sku);
                    entry.Size = 1;
                    entry.Value = sku;
                }
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Unsized_writes_into_an_unbounded_or_keyed_shared_cache_are_silent()
        => VerifySize.VerifyAsync(UnboundedSharedCache + """
            public sealed class CatalogService(IMemoryCache cache, [FromKeyedServices("catalog")] IMemoryCache dedicated)
            {
                public void Remember(string sku, string title)
                {
                    cache.Set(sku, title);
                    dedicated.Set(sku, title);
                }
            }
            """, TestProject.WebApp);

    [Fact]
    public Task A_size_limited_cache_created_in_one_class_and_written_in_another_is_followed()
        => VerifySize.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public static class Caches
            {
                public static IMemoryCache Thumbnails { get; } = new MemoryCache(new MemoryCacheOptions { SizeLimit = 512 });
            }

            public sealed class ThumbnailService
            {
                public void Keep(string path, byte[] image) => Caches.Thumbnails.[|Set(path, image)|];

                public void KeepSized(string path, byte[] image) => Caches.Thumbnails.Set(path, image, new MemoryCacheEntryOptions { Size = image.Length });
            }
            """, Library);

    [Fact]
    public Task A_field_copied_from_a_wrappers_size_limited_cache_is_followed()
        => VerifySize.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class BoundedStore
            {
                public MemoryCache Store { get; } = new(new MemoryCacheOptions { SizeLimit = 64 });
            }

            public sealed class RosterJob
            {
                private readonly MemoryCache _roster;

                public RosterJob(BoundedStore store) => _roster = store.Store;

                public void Remember(List<string> names) => _roster.[|Set("roster", names)|];

                public void RememberSized(List<string> names) => _roster.Set("roster", names, new MemoryCacheEntryOptions { Size = names.Count });
            }
            """, Library);

    [Fact]
    public Task A_derived_options_type_whose_own_SizeLimit_hides_the_real_one_leaves_the_cache_unbounded()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class TenantCacheOptions : MemoryCacheOptions
            {
                public new long? SizeLimit { get; set; }
            }

            public sealed class TenantCache
            {
                private readonly MemoryCache _cache = new(new TenantCacheOptions { SizeLimit = 100 });

                public void Put(string tenant, string name) => _cache.[|Set(tenant, name)|];
            }
            """, Library);

    [Fact]
    public Task Unexpiring_writes_through_an_injected_cache_are_reported_when_the_shared_cache_is_unbounded()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class CatalogService(IMemoryCache cache)
            {
                public Task<string?> OwnerAsync(string user) => cache.[|GetOrCreateAsync(user, async entry =>
                {
                    await Task.Yield();
                    return user;
                })|];

                public void Remember(string sku, string title) => cache.[|Set(sku, title)|];

                public void RememberWithEmptyOptions(string sku, string title) => cache.[|Set(sku, title, new MemoryCacheEntryOptions())|];
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Expirations_through_overloads_fluent_entries_helpers_and_fields_are_silent()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class CatalogService(IMemoryCache cache)
            {
                private static readonly MemoryCacheEntryOptions Sliding = new() { SlidingExpiration = TimeSpan.FromMinutes(5) };

                public void Remember(string sku, string title)
                {
                    cache.Set(sku, title, TimeSpan.FromHours(1));
                    cache.Set(sku, title, DateTimeOffset.UtcNow.AddHours(1));
                    cache.Set(sku, title, Sliding);
                    cache.Set(sku, title, Policies.Short());
                }

                public string? Title(string sku) => cache.GetOrCreate(sku, entry =>
                {
                    entry.SetPriority(CacheItemPriority.High).SetSlidingExpiration(TimeSpan.FromMinutes(1));
                    return sku;
                });

                public string? Copied(string sku, MemoryCacheEntryOptions options) => cache.GetOrCreate(sku, entry =>
                {
                    entry.SetOptions(options);
                    return sku;
                });
            }

            public static class Policies
            {
                public static MemoryCacheEntryOptions Short() => new() { SlidingExpiration = TimeSpan.FromMinutes(1) };
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Keys_that_cannot_grow_are_silent()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class CatalogService(IMemoryCache cache)
            {
                private const string DevicesKey = "devices";

                public void Remember(string[] devices, bool enabled, DayOfWeek day)
                {
                    cache.Set(DevicesKey, devices);
                    cache.Set("settings", enabled);
                    cache.Set(typeof(CatalogService).FullName!, devices);
                    cache.Set(day, devices);
                }
            }
            """, TestProject.WebApp);

    [Fact]
    public Task Option_names_that_default_to_a_type_name_are_a_fixed_set_while_per_user_keys_through_the_same_helper_grow()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class CatalogService(IMemoryCache cache)
            {
                public string? Load<TOptions>(string? section = null)
                {
                    section ??= "options:" + typeof(TOptions).Name;
                    return cache.GetOrCreate(KeyOf(section), entry => section.ToUpperInvariant());
                }

                public string? Inbox(string userName) => cache.[|GetOrCreate(KeyOf(userName), entry => userName.ToUpperInvariant())|];

                public void Forget(string section) => cache.Remove(KeyOf(section));

                private static string KeyOf(string name) => "store:" + name;
            }
            """, TestProject.WebApp);

    [Fact]
    public Task An_injected_cache_in_a_library_that_registers_no_cache_is_silent()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class CatalogService(IMemoryCache cache)
            {
                public void Remember(string sku, string title) => cache.Set(sku, title);
            }
            """, Library);

    [Fact]
    public Task A_library_that_registers_the_cache_without_SizeLimit_decides_its_bound()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.DependencyInjection;

            public static class CatalogRegistration
            {
                public static IServiceCollection AddCatalog(this IServiceCollection services)
                    => services.AddMemoryCache().AddSingleton<CatalogService>();
            }

            public sealed class CatalogService(IMemoryCache cache)
            {
                public void Remember(string sku, string title) => cache.[|Set(sku, title)|];
            }
            """, Library);

    [Fact]
    public Task A_cache_resolved_from_the_service_provider_is_the_shared_cache()
        => VerifyExpiration.VerifyAsync(UnboundedSharedCache + """
            public sealed class CatalogService(IServiceProvider services)
            {
                public void Remember(string sku, string title) => services.GetRequiredService<IMemoryCache>().[|Set(sku, title)|];
            }
            """, TestProject.WebApp);

    [Fact]
    public Task A_SizeLimit_computed_from_numbers_in_a_block_lambda_bounds_the_shared_cache()
        => VerifySize.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(cacheOptions =>
            {
                cacheOptions.CompactionPercentage = 0.25;
                cacheOptions.SizeLimit = (64 * 1024);
            });
            builder.Build().Run();

            public sealed class ThumbnailStore(IMemoryCache cache)
            {
                public void Keep(string path, byte[] image) => cache.[|Set(path, image)|];
            }
            """, TestProject.WebApp);

    [Fact]
    public Task A_SizeLimit_set_to_null_leaves_the_shared_cache_unbounded()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(setupAction: o => o.SizeLimit = null);
            builder.Build().Run();

            public sealed class ThumbnailStore(IMemoryCache cache)
            {
                public void Keep(string path, byte[] image) => cache.[|Set(path, image)|];
            }
            """, TestProject.WebApp);

    [Fact]
    public Task A_method_of_the_project_named_AddMemoryCache_does_not_register_the_shared_cache()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class CacheSetup
            {
                public int Layers { get; private set; }

                public CacheSetup AddMemoryCache()
                {
                    Layers++;
                    return this;
                }
            }

            public sealed class ThumbnailStore(IMemoryCache cache)
            {
                public static CacheSetup Setup() => new CacheSetup().AddMemoryCache();

                public void Keep(string path, byte[] image) => cache.Set(path, image);
            }
            """, Library);

    [Fact]
    public Task A_SizeLimit_set_on_a_nested_lambda_parameter_of_the_same_name_does_not_bound_the_shared_cache()
        => VerifyExpiration.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(o =>
            {
                Action<MemoryCacheOptions> preset = o => o.SizeLimit = 10;
                o.ExpirationScanFrequency = TimeSpan.FromMinutes(1);
            });
            builder.Build().Run();

            public sealed class ThumbnailStore(IMemoryCache cache)
            {
                public void Keep(string path, byte[] image) => cache.[|Set(path, image)|];
            }
            """, TestProject.WebApp);

    // ---- OPS0004 code fix ----

    [Fact]
    public Task Fix_adds_an_options_argument_with_Size()
        => Fix.VerifyFixAsync(LimitedCache + """
                public void Put(string id, string product) => _cache.[|Set(id, product)|];
            }
            """, LimitedCache + """
                public void Put(string id, string product) => _cache.Set(id, product, new MemoryCacheEntryOptions { Size = 1 });
            }
            """, Library);

    [Fact]
    public Task Fix_turns_a_TimeSpan_into_options_with_Size()
        => Fix.VerifyFixAsync(LimitedCache + """
                public void Put(string id, string product) => _cache.[|Set(id, product, TimeSpan.FromMinutes(5))|];
            }
            """, LimitedCache + """
                public void Put(string id, string product) => _cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5), Size = 1 });
            }
            """, Library);

    [Fact]
    public Task FixAll_adds_Size_to_initializers_and_factories()
        => Fix.VerifyFixAllAsync(LimitedCache + """
                public void Put(string id, string product)
                    => _cache.[|Set(id, product, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) })|];

                public void PutMultiline(string id, string product)
                    => _cache.[|Set(id, product, new MemoryCacheEntryOptions
                    {
                        SlidingExpiration = TimeSpan.FromMinutes(1)
                    })|];

                public string? Get(string id) => _cache.[|GetOrCreate(id, entry =>
                {
                    entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                    return id;
                })|];

                public string? GetShort(string id) => _cache.[|GetOrCreate(id, e => id)|];
            }
            """, LimitedCache + """
                public void Put(string id, string product)
                    => _cache.Set(id, product, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1), Size = 1 });

                public void PutMultiline(string id, string product)
                    => _cache.Set(id, product, new MemoryCacheEntryOptions
                    {
                        SlidingExpiration = TimeSpan.FromMinutes(1),
                        Size = 1
                    });

                public string? Get(string id) => _cache.GetOrCreate(id, entry =>
                {
                    entry.Size = 1;
                    entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                    return id;
                });

                public string? GetShort(string id) => _cache.GetOrCreate(id, e => { e.Size = 1; return id; });
            }
            """, Library);

    [Fact]
    public Task No_fix_for_a_discard_parameter()
        => Fix.VerifyNoFixAsync(LimitedCache + """
                public string? Get(string id) => _cache.[|GetOrCreate(id, _ => id)|];
            }
            """, Library);
}
