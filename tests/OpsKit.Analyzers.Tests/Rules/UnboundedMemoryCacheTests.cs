using OpsKit.Analyzers.Rules;
using OpsKit.Analyzers.Tests.Helpers;
using Fix = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.UnboundedMemoryCacheAnalyzer, OpsKit.Analyzers.Rules.UnboundedMemoryCacheCodeFix>;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnboundedMemoryCacheAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class UnboundedMemoryCacheTests
{
    private static readonly TestProject Library = TestProject.Library;

    // ---- new MemoryCache(...) ----

    [Fact]
    public Task New_MemoryCache_with_default_options_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCache
            {
                private readonly MemoryCache _cache = [|new MemoryCache(new MemoryCacheOptions())|];
            }
            """, Library);

    [Fact]
    public Task New_MemoryCache_with_options_that_set_other_properties_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Options;

            public static class Caches
            {
                public static readonly IMemoryCache Tokens = [|new MemoryCache(Options.Create(new MemoryCacheOptions { ExpirationScanFrequency = TimeSpan.FromMinutes(1) }))|];
            }
            """, Library);

    [Fact]
    public Task Options_local_without_SizeLimit_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class SessionStore
            {
                private readonly MemoryCache _sessions;

                public SessionStore()
                {
                    var options = new MemoryCacheOptions();
                    options.CompactionPercentage = 0.2;
                    _sessions = [|new MemoryCache(options)|];
                }
            }
            """, Library);

    [Fact]
    public Task New_MemoryCache_with_SizeLimit_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCache
            {
                private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000, CompactionPercentage = 0.25 });
            }
            """, Library);

    [Fact]
    public Task SizeLimit_set_on_a_later_line_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class SessionStore
            {
                private readonly MemoryCache _sessions;

                public SessionStore(int maxSessions)
                {
                    var options = new MemoryCacheOptions();
                    options.ExpirationScanFrequency = TimeSpan.FromSeconds(30);
                    options.SizeLimit = maxSessions;
                    _sessions = new MemoryCache(options);
                }
            }
            """, Library);

    [Fact]
    public Task Options_from_an_options_object_or_parameter_are_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Options;

            public sealed class CatalogCache(IOptions<MemoryCacheOptions> options)
            {
                private readonly MemoryCache _fromDi = new(options);
                private readonly MemoryCache _fromFactory = new(CreateOptions());

                private static MemoryCacheOptions CreateOptions() => new() { SizeLimit = 100 };
            }
            """, Library);

    [Fact]
    public Task Options_local_passed_to_a_helper_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public static class CacheFactory
            {
                public static MemoryCache Create()
                {
                    var options = new MemoryCacheOptions();
                    Configure(options);
                    return new MemoryCache(options);
                }

                private static void Configure(MemoryCacheOptions options) => options.SizeLimit = 512;
            }
            """, Library);

    // ---- AddMemoryCache ----

    [Fact]
    public Task AddMemoryCache_without_configuration_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddMemoryCache()|];
            var app = builder.Build();
            app.Run();
            """);

    [Fact]
    public Task AddMemoryCache_with_a_lambda_that_does_not_set_SizeLimit_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddMemoryCache(o => o.ExpirationScanFrequency = TimeSpan.FromMinutes(5))|];
            builder.Build().Run();
            """);

    [Fact]
    public Task AddMemoryCache_in_a_Startup_class_is_reported()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.[|AddMemoryCache()|];
                }

                public void Configure(IApplicationBuilder app) => app.UseRouting();
            }
            """ + Snippets.GenericHostProgram);

    [Fact]
    public Task AddMemoryCache_in_a_worker_service_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.[|AddMemoryCache()|];
            builder.Build().Run();
            """, TestProject.Worker);

    [Fact]
    public Task AddMemoryCache_with_SizeLimit_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(options =>
            {
                options.SizeLimit = 50_000;
                options.CompactionPercentage = 0.1;
            });
            builder.Build().Run();
            """);

    [Fact]
    public Task AddMemoryCache_bound_from_configuration_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(options => builder.Configuration.GetSection("Cache").Bind(options));
            builder.Build().Run();
            """);

    [Fact]
    public Task AddMemoryCache_configured_through_Configure_of_MemoryCacheOptions_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            builder.Services.Configure<MemoryCacheOptions>(builder.Configuration.GetSection("MemoryCache"));
            builder.Build().Run();
            """);

    [Fact]
    public Task AddMemoryCache_configured_by_an_options_class_registered_in_the_same_type_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Options;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            builder.Services.AddSingleton<IConfigureOptions<MemoryCacheOptions>, CacheSizing>();
            builder.Build().Run();

            internal sealed class CacheSizing : IConfigureOptions<MemoryCacheOptions>
            {
                public void Configure(MemoryCacheOptions options) => options.SizeLimit = 1_000;
            }
            """);

    [Fact]
    public Task AddMemoryCache_configured_in_another_class_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            builder.Services.AddCaching(builder.Configuration);
            builder.Build().Run();
            """, TestProject.WebApp with
        {
            AdditionalSources =
            [
                """
                using Microsoft.Extensions.Caching.Memory;

                internal static class CachingServiceCollectionExtensions
                {
                    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
                        => services.Configure<MemoryCacheOptions>(o => o.SizeLimit = configuration.GetValue<long>("Cache:SizeLimit"));
                }
                """,
            ],
        });

    [Fact]
    public Task AddMemoryCache_in_a_library_is_silent_because_the_app_owns_the_options()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            public static class ClientServiceCollectionExtensions
            {
                public static IServiceCollection AddCatalogClient(this IServiceCollection services) => services.AddMemoryCache();
            }
            """, Library);

    // ---- projects and code the rule does not apply to ----

    [Fact]
    public Task Test_project_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCacheTests
            {
                private readonly MemoryCache _cache = new(new MemoryCacheOptions());
            }
            """, TestProject.TestProjectWithWebSdk with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task Ignored_type_option_is_honoured()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            namespace Shop;

            public sealed class EnumNameCache
            {
                private readonly MemoryCache _cache = new(new MemoryCacheOptions());
            }
            """, Library.WithOption(UnboundedMemoryCacheAnalyzer.IgnoredTypesOption, "Shop.EnumNameCache"));

    [Fact]
    public Task Project_without_Microsoft_Extensions_Caching_is_silent()
        => Verify.VerifyAsync("""
            public sealed class Cache
            {
                private readonly Dictionary<string, string> _values = new();
            }
            """, TestProject.BareConsole with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task Generated_code_is_silent()
        => Verify.VerifyAsync("""
            // <auto-generated/>
            using Microsoft.Extensions.Caching.Memory;

            public sealed class Generated
            {
                private readonly MemoryCache _cache = new(new MemoryCacheOptions());
            }
            """, Library);

    [Fact]
    public Task Half_broken_compilation_does_not_throw()
        => Verify.VerifyBrokenAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCache
            {
                private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Missing.Value });
                private readonly MemoryCache _other = new(UnknownFactory.Create());
            }
            """, Library);

    // ---- patterns from real services ----

    [Fact]
    public Task AddMemoryCache_in_the_void_registration_method_of_a_host_library_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            public abstract class ServerHost
            {
                protected virtual void RegisterServices(IServiceCollection services)
                {
                    services.[|AddMemoryCache()|];
                }
            }
            """, Library);

    [Fact]
    public Task AddMemoryCache_in_a_private_helper_of_a_library_registration_class_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            public static class FlagRegistration
            {
                public static IServiceCollection AddFlags(this IServiceCollection services)
                {
                    AddCommon(services);
                    return services;
                }

                private static void AddCommon(IServiceCollection services) => services.AddMemoryCache();
            }
            """, Library);

    [Fact]
    public Task AddMemoryCache_in_a_library_builder_API_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            public sealed class TokenCacheBuilder(IServiceCollection services)
            {
                public TokenCacheBuilder AddInMemoryTokens()
                {
                    services.AddMemoryCache();
                    return this;
                }
            }
            """, Library);

    [Fact]
    public Task AddMemoryCache_is_silent_when_another_registration_of_the_app_sets_SizeLimit()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            builder.Services.AddMemoryCache(options => options.SizeLimit = 500);
            builder.Build().Run();
            """);

    [Fact]
    public Task AddMemoryCache_with_a_SizeLimit_from_nullable_configuration_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var limit = builder.Configuration.GetValue<long?>("Cache:SizeLimit");
            builder.Services.AddMemoryCache(options => options.SizeLimit = limit);
            builder.Build().Run();
            """);

    [Fact]
    public Task A_derived_options_type_that_hides_SizeLimit_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class TenantCacheOptions : MemoryCacheOptions
            {
                public new long? SizeLimit { get; set; }
            }

            public sealed class TenantCache
            {
                private readonly MemoryCache _cache = [|new(new TenantCacheOptions { SizeLimit = 100 })|];
            }
            """, Library);

    [Fact]
    public Task A_derived_options_type_that_forwards_or_sets_the_real_SizeLimit_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class ForwardingOptions : MemoryCacheOptions
            {
                public new long? SizeLimit { get => base.SizeLimit; set => base.SizeLimit = value; }
            }

            public sealed class PresetOptions : MemoryCacheOptions
            {
                public PresetOptions() => SizeLimit = 1_000;
            }

            public sealed class TenantCache
            {
                private readonly MemoryCache _forwarding = new(new ForwardingOptions { SizeLimit = 100 });
                private readonly MemoryCache _preset = new(new PresetOptions());
            }
            """, Library);

    [Fact]
    public Task An_unresolved_MemoryCache_with_default_options_is_reported_before_packages_are_restored()
        => Verify.VerifyBrokenAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public static class Tokens
            {
                private static readonly MemoryCache Cache = [|new(new MemoryCacheOptions())|];
                private static readonly MemoryCache Bounded = new(new MemoryCacheOptions { SizeLimit = 10 });
            }
            """, TestProject.BareConsole with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    // ---- code fixes ----

    private const string StoreRegistration = """
        using Microsoft.Extensions.Caching.Memory;

        var builder = WebApplication.CreateBuilder(args);
        Registration.AddServices(builder.Services);
        builder.Build().Run();

        public static class Registration
        {
            public static void AddServices(IServiceCollection services)
            {
                services.[|AddMemoryCache()|];
                services.AddSingleton<ProductStore>();
            }
        }

        """;

    private const string StoreScenario = """
        using Microsoft.Extensions.DependencyInjection;

        public static class Scenario
        {
            public static void Run()
            {
                var services = new ServiceCollection();
                Registration.AddServices(services);
                using var provider = services.BuildServiceProvider();
                var store = provider.GetRequiredService<ProductStore>();
                store.Put("a", "apple");
                store.Get("b");
            }
        }
        """;

    private const string UnsizedStore = """
        public sealed class ProductStore(IMemoryCache cache)
        {
            public void Put(string id, string name) => cache.Set(id, name);

            public string? Get(string id) => cache.GetOrCreate(id, entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                return id;
            });
        }
        """;

    private const string SizedStore = """
        public sealed class ProductStore(IMemoryCache cache)
        {
            public void Put(string id, string name) => cache.Set(id, name, new MemoryCacheEntryOptions { Size = 1 });

            public string? Get(string id) => cache.GetOrCreate(id, entry =>
            {
                entry.Size = 1;
                entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                return id;
            });
        }
        """;

    [Fact]
    public Task Fix_bounds_the_shared_cache_and_sizes_every_entry_written_to_it()
        => Fix.VerifyFixAsync(StoreRegistration + UnsizedStore, StoreRegistration.Replace("[|AddMemoryCache()|]", "AddMemoryCache(options => options.SizeLimit = 1024)") + SizedStore, TestProject.WebApp);

    [Fact]
    public void The_fixed_app_writes_into_its_bounded_cache_without_throwing()
        => FixedCodeRunner.Run(
            StoreRegistration.Replace("[|AddMemoryCache()|]", "AddMemoryCache(options => options.SizeLimit = 1024)") + SizedStore,
            StoreScenario,
            TestProject.WebApp);

    [Fact]
    public void A_SizeLimit_alone_would_break_the_app_at_its_first_unsized_write()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => FixedCodeRunner.Run(
            StoreRegistration.Replace("[|AddMemoryCache()|]", "AddMemoryCache(options => options.SizeLimit = 1024)") + UnsizedStore,
            StoreScenario,
            TestProject.WebApp));
        Assert.Contains("Size", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_title_says_how_many_entries_get_a_Size()
    {
        var titles = await Fix.GetFixTitlesAsync(StoreRegistration + UnsizedStore, TestProject.WebApp);
        Assert.Equal(["Set SizeLimit on the shared IMemoryCache and Size = 1 on the 2 entries written without one"], titles);
    }

    [Fact]
    public Task Fix_adds_a_SizeLimit_lambda_when_nothing_writes_into_the_shared_cache()
        => Fix.VerifyFixAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddMemoryCache()|];
            builder.Build().Run();
            """, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(options => options.SizeLimit = 1024);
            builder.Build().Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Fix_appends_SizeLimit_to_a_block_lambda()
        => Fix.VerifyFixAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddMemoryCache(o =>
            {
                o.CompactionPercentage = 0.1;
            })|];
            builder.Build().Run();
            """, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(o =>
            {
                o.CompactionPercentage = 0.1;
                o.SizeLimit = 1024;
            });
            builder.Build().Run();
            """, TestProject.WebApp);

    [Fact]
    public Task No_SizeLimit_fix_when_a_write_into_the_shared_cache_takes_its_options_from_a_helper()
        => Fix.VerifyNoFixAsync(StoreRegistration + """
            public sealed class ProductStore(IMemoryCache cache)
            {
                public void Put(string id, string name) => cache.Set(id, name, Policies.Short());
            }

            public static class Policies
            {
                public static MemoryCacheEntryOptions Short() => new() { SlidingExpiration = TimeSpan.FromMinutes(1) };
            }
            """, TestProject.WebApp);

    [Fact]
    public Task No_SizeLimit_fix_when_a_referenced_library_may_write_into_the_shared_cache()
        => Fix.VerifyNoFixAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddMemoryCache()|];
            builder.Services.AddVendorCatalog();
            builder.Build().Run();
            """, TestProject.WebApp with { AdditionalReferences = [VendorCatalog.Value] });

    private static readonly Lazy<Microsoft.CodeAnalysis.MetadataReference> VendorCatalog = new(() => TestReferences.CompileLibrary("Vendor.Catalog", """
        using Microsoft.Extensions.Caching.Memory;
        using Microsoft.Extensions.DependencyInjection;

        public static class VendorCatalogExtensions
        {
            public static IServiceCollection AddVendorCatalog(this IServiceCollection services) => services.AddSingleton<VendorCatalog>();
        }

        public sealed class VendorCatalog(IMemoryCache cache)
        {
            public void Remember(string sku, string name) => cache.Set(sku, name);
        }
        """, [.. TestReferences.NetCore, .. TestReferences.AspNetCore]));

    private const string PrivateCache = """
        using Microsoft.Extensions.Caching.Memory;

        public sealed class PriceCache
        {
            private readonly MemoryCache _cache = [|new MemoryCache(new MemoryCacheOptions())|];

            public void Put(string sku, decimal price) => _cache.Set(sku, price, TimeSpan.FromMinutes(5));

            public bool TryGet(string sku, out decimal price) => _cache.TryGetValue(sku, out price);
        }

        """;

    private const string PrivateCacheScenario = """
        public static class Scenario
        {
            public static void Run()
            {
                var prices = new PriceCache();
                prices.Put("sku-1", 9.5m);
                if (!prices.TryGet("sku-1", out var price) || price != 9.5m)
                {
                    throw new System.InvalidOperationException("The entry was not cached.");
                }
            }
        }
        """;

    private const string BoundedPrivateCache = """
        using Microsoft.Extensions.Caching.Memory;

        public sealed class PriceCache
        {
            private readonly MemoryCache _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1024 });

            public void Put(string sku, decimal price) => _cache.Set(sku, price, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5), Size = 1 });

            public bool TryGet(string sku, out decimal price) => _cache.TryGetValue(sku, out price);
        }

        """;

    [Fact]
    public Task Fix_bounds_a_private_cache_and_sizes_its_writes()
        => Fix.VerifyFixAsync(PrivateCache, BoundedPrivateCache, Library);

    [Fact]
    public void The_fixed_private_cache_stores_and_returns_its_entries()
        => FixedCodeRunner.Run(BoundedPrivateCache, PrivateCacheScenario, Library);

    [Fact]
    public Task No_fix_when_the_private_cache_is_handed_to_other_code()
        => Fix.VerifyNoFixAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCache
            {
                private readonly MemoryCache _cache = [|new MemoryCache(new MemoryCacheOptions())|];

                public PriceWriter Writer() => new(_cache);
            }

            public sealed class PriceWriter(IMemoryCache cache)
            {
                public void Put(string sku, decimal price) => cache.Set(sku, price);
            }
            """, Library);

    [Fact]
    public Task Fix_adds_SizeLimit_to_inline_options()
        => Fix.VerifyFixAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCache
            {
                private readonly MemoryCache _cache = [|new MemoryCache(new MemoryCacheOptions())|];
            }
            """, """
            using Microsoft.Extensions.Caching.Memory;

            public sealed class PriceCache
            {
                private readonly MemoryCache _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1024 });
            }
            """, Library);

    [Fact]
    public Task FixAll_adds_SizeLimit_to_every_inline_options_object()
        => Fix.VerifyFixAllAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class Caches
            {
                private readonly MemoryCache _prices = [|new MemoryCache(new MemoryCacheOptions { CompactionPercentage = 0.2 })|];
                private readonly MemoryCache _tokens = [|new MemoryCache(new MemoryCacheOptions
                {
                    ExpirationScanFrequency = TimeSpan.FromMinutes(1),
                })|];
            }
            """, """
            using Microsoft.Extensions.Caching.Memory;

            public sealed class Caches
            {
                private readonly MemoryCache _prices = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1024, CompactionPercentage = 0.2 });
                private readonly MemoryCache _tokens = new MemoryCache(new MemoryCacheOptions
                {
                    SizeLimit = 1024,
                    ExpirationScanFrequency = TimeSpan.FromMinutes(1),
                });
            }
            """, Library);

    [Fact]
    public Task No_fix_for_options_built_in_a_local()
        => Fix.VerifyNoFixAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public sealed class SessionStore
            {
                private readonly MemoryCache _sessions;

                public SessionStore()
                {
                    var options = new MemoryCacheOptions();
                    _sessions = [|new MemoryCache(options)|];
                }
            }
            """, Library);
}
