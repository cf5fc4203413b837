using Microsoft.CodeAnalysis;
using OpsKit.Analyzers.Rules;
using OpsKit.Analyzers.Tests.Helpers;
using Fix = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.ConnectionMultiplexerPerOperationAnalyzer, OpsKit.Analyzers.Rules.ConnectionMultiplexerPerOperationCodeFix>;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.ConnectionMultiplexerPerOperationAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class ConnectionMultiplexerPerOperationTests
{
    private static readonly TestProject Library = TestProject.Library;

    // Stand-ins named like the xunit packages: an assertion library some production code references, and the framework
    // that runs tests.
    private static readonly Lazy<MetadataReference> AssertionLibrary = new(() => TestReferences.CompileLibrary("xunit.assert", "namespace Xunit { public static class Assert { } }", TestReferences.NetCore));
    private static readonly Lazy<MetadataReference> TestFramework = new(() => TestReferences.CompileLibrary("xunit.core", "namespace Xunit { public sealed class FactAttribute : System.Attribute { } }", TestReferences.NetCore));

    // ---- per-operation connects ----

    [Fact]
    public Task Connect_in_a_using_declaration_inside_a_method_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class PriceReader
            {
                public string? Read(string key)
                {
                    using var redis = [|ConnectionMultiplexer.Connect("localhost:6379")|];
                    return redis.GetDatabase().StringGet(key);
                }
            }
            """, Library);

    [Fact]
    public Task Awaited_ConnectAsync_with_ConfigureAwait_in_a_method_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class SessionStore(string configuration)
            {
                public async Task SaveAsync(string id, string value)
                {
                    await using var redis = await [|ConnectionMultiplexer.ConnectAsync(configuration)|].ConfigureAwait(false);
                    await redis.GetDatabase().StringSetAsync(id, value).ConfigureAwait(false);
                }
            }
            """, Library);

    [Fact]
    public Task Connect_used_as_a_receiver_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class Counter
            {
                public static long Increment(string key) => [|ConnectionMultiplexer.Connect("redis:6379")|].GetDatabase().StringIncrement(key);
            }
            """, Library);

    [Fact]
    public Task Connect_in_a_minimal_API_handler_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/visits", async () =>
            {
                var redis = await [|ConnectionMultiplexer.ConnectAsync("localhost")|];
                return await redis.GetDatabase().StringIncrementAsync("visits");
            });
            app.Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Connect_in_a_health_check_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;
            using StackExchange.Redis;

            public sealed class RedisCheck(string configuration) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    using var connection = await [|ConnectionMultiplexer.ConnectAsync(configuration)|];
                    await connection.GetDatabase().PingAsync();
                    return HealthCheckResult.Healthy();
                }
            }
            """, Library);

    [Fact]
    public Task Scoped_DI_registration_lambda_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped<IConnectionMultiplexer>(_ => [|ConnectionMultiplexer.Connect("localhost")|]);
            builder.Build().Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Field_initializer_of_a_scoped_service_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public interface IQueue
            {
                Task EnqueueAsync(string job);
            }

            public sealed class RedisQueue : IQueue
            {
                private readonly ConnectionMultiplexer _redis = [|ConnectionMultiplexer.Connect("redis:6379,abortConnect=false")|];

                public Task EnqueueAsync(string job) => _redis.GetDatabase().ListLeftPushAsync("jobs", job);
            }

            public static class Registration
            {
                public static IServiceCollection AddQueue(this IServiceCollection services) => services.AddScoped<IQueue, RedisQueue>();
            }
            """, Library);

    [Fact]
    public Task Constructor_of_a_transient_service_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class StatusWriter
            {
                private readonly IDatabase _db;

                public StatusWriter(IConfiguration configuration)
                {
                    var redis = [|ConnectionMultiplexer.Connect(configuration["Redis"]!)|];
                    _db = redis.GetDatabase();
                }

                public Task SaveAsync(string url, bool up) => _db.StringSetAsync(url, up);
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddTransient<StatusWriter>();
            }
            """, Library);


    [Fact]
    public Task Constructor_of_a_base_class_whose_derived_class_is_registered_scoped_through_a_factory_is_reported()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public interface IPresence
            {
                Task MarkAsync(string id);
            }

            public abstract class RedisStore
            {
                protected RedisStore(string configuration)
                {
                    Database = [|ConnectionMultiplexer.Connect(configuration)|].GetDatabase();
                }

                protected IDatabase Database { get; }
            }

            public sealed class PresenceStore(string configuration) : RedisStore(configuration), IPresence
            {
                public Task MarkAsync(string id) => Database.StringSetAsync(id, "online");
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services, string redis)
                    => services.AddScoped<IPresence>(_ => new PresenceStore(redis));
            }
            """, Library);

    [Fact]
    public Task Constructor_of_a_controller_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using StackExchange.Redis;

            public sealed class CartController : ControllerBase
            {
                private readonly IDatabase _db;

                public CartController() => _db = [|ConnectionMultiplexer.Connect("localhost")|].GetDatabase();

                [HttpGet("/cart/{id}")]
                public async Task<string?> Get(string id) => await _db.StringGetAsync(id);
            }
            """, TestProject.WebApp with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task Constructor_and_field_initializer_of_a_singleton_are_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class RedisService
            {
                private readonly ConnectionMultiplexer _connection;

                public RedisService(IConfiguration configuration) => _connection = ConnectionMultiplexer.Connect(configuration["Redis"]!);

                public IDatabase Db => _connection.GetDatabase();
            }

            public sealed class PubSub
            {
                private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect("localhost");

                public ISubscriber Subscriber => _redis.GetSubscriber();
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton<RedisService>();
                    services.AddSingleton(new PubSub());
                }
            }
            """, Library);

    [Fact]
    public Task Static_steps_of_a_console_Program_run_once_and_are_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            internal static class Program
            {
                private static async Task<int> Main(string[] args)
                {
                    await Ping(args[0]);
                    return 0;
                }

                private static async Task Ping(string configuration)
                {
                    await using var muxer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
                    await muxer.GetDatabase().PingAsync();
                }
            }
            """, TestProject.BareConsole with { Redis = true });

    [Fact]
    public Task Test_helpers_in_a_project_named_like_tests_are_silent_without_IsTestProject()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class RedisHelpers
            {
                public static async Task<long> CountAsync(string configuration, string key)
                {
                    await using var mux = await ConnectionMultiplexer.ConnectAsync(configuration);
                    return await mux.GetDatabase().ListLengthAsync(key);
                }
            }
            """, Library with { AssemblyName = "Orders.Redis.Tests" });

    [Fact]
    public Task A_library_that_only_references_an_assertion_package_is_not_test_code()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class QueueDepth
            {
                public static long Read(string configuration, string key)
                {
                    using var mux = [|ConnectionMultiplexer.Connect(configuration)|];
                    return mux.GetDatabase().ListLength(key);
                }
            }
            """, Library with { AdditionalReferences = [AssertionLibrary.Value] });

    [Fact]
    public Task A_library_that_references_a_test_framework_is_test_code()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class QueueDepth
            {
                public static long Read(string configuration, string key)
                {
                    using var mux = ConnectionMultiplexer.Connect(configuration);
                    return mux.GetDatabase().ListLength(key);
                }
            }
            """, Library with { AdditionalReferences = [TestFramework.Value] });

    // ---- shared creations ----

    [Fact]
    public Task Static_readonly_field_initializer_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class Redis
            {
                private static readonly ConnectionMultiplexer Connection = ConnectionMultiplexer.Connect("localhost");

                public static IDatabase Database => Connection.GetDatabase();
            }
            """, Library);

    [Fact]
    public Task Lazy_factory_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class RedisConnection
            {
                private static readonly Lazy<ConnectionMultiplexer> LazyConnection = new(() => ConnectionMultiplexer.Connect("localhost,abortConnect=false"));
                private static readonly Lazy<Task<ConnectionMultiplexer>> LazyAsync = new(() => ConnectionMultiplexer.ConnectAsync("localhost"));

                public static ConnectionMultiplexer Connection => LazyConnection.Value;
            }
            """, Library);

    [Fact]
    public Task Singleton_DI_registrations_are_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(builder.Configuration.GetConnectionString("redis")!));
            builder.Services.AddKeyedSingleton<IConnectionMultiplexer>("cache", (sp, key) => ConnectionMultiplexer.Connect("cache:6379"));
            builder.Build().Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Connect_in_top_level_statements_runs_once_and_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            var redis = await ConnectionMultiplexer.ConnectAsync("localhost");
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
            builder.Build().Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Singleton_factory_method_assigning_a_static_field_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public static class RedisFactory
            {
                private static readonly object Gate = new();
                private static ConnectionMultiplexer? _connection;

                public static ConnectionMultiplexer Get()
                {
                    lock (Gate)
                    {
                        if (_connection is null || !_connection.IsConnected)
                        {
                            _connection = ConnectionMultiplexer.Connect("localhost");
                        }

                        return _connection;
                    }
                }

                public static async Task<ConnectionMultiplexer> GetAsync()
                    => _connection ??= await ConnectionMultiplexer.ConnectAsync("localhost").ConfigureAwait(false);
            }
            """, Library);

    [Fact]
    public Task Factory_method_returning_the_connection_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class RedisConnectionFactory(string configuration)
            {
                public IConnectionMultiplexer Create() => ConnectionMultiplexer.Connect(configuration);

                public async Task<IConnectionMultiplexer> CreateAsync()
                {
                    var options = ConfigurationOptions.Parse(configuration);
                    options.AbortOnConnectFail = false;
                    var connection = await ConnectionMultiplexer.ConnectAsync(options);
                    return connection;
                }
            }
            """, Library);

    [Fact]
    public Task Constructor_of_an_unregistered_class_and_DI_extension_method_are_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;
            using StackExchange.Redis;

            public sealed class RedisHolder : IDisposable
            {
                private readonly ConnectionMultiplexer _connection;

                public RedisHolder(string configuration) => _connection = ConnectionMultiplexer.Connect(configuration);

                public void Dispose() => _connection.Dispose();
            }

            public static class RedisServiceCollectionExtensions
            {
                public static IServiceCollection AddRedis(this IServiceCollection services, string configuration)
                {
                    var connection = ConnectionMultiplexer.Connect(configuration);
                    return services.AddSingleton<IConnectionMultiplexer>(connection);
                }
            }
            """, Library);

    [Fact]
    public Task Background_service_connecting_once_in_ExecuteAsync_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Hosting;
            using StackExchange.Redis;

            public sealed class QueueListener(string configuration) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
                    var subscriber = redis.GetSubscriber();
                    await subscriber.SubscribeAsync(RedisChannel.Literal("orders"), (_, message) => Console.WriteLine(message));
                    await Task.Delay(Timeout.Infinite, stoppingToken);
                }
            }
            """, Library);

    [Fact]
    public Task Connection_handed_to_another_object_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class LockService
            {
                public RedisLock Create(string configuration)
                {
                    var connection = ConnectionMultiplexer.Connect(configuration);
                    return new RedisLock(connection);
                }
            }

            public sealed record RedisLock(IConnectionMultiplexer Connection);
            """, Library);

    [Fact]
    public Task Test_project_is_silent()
        => Verify.VerifyAsync("""
            using StackExchange.Redis;

            public sealed class RedisTests
            {
                public void Ping()
                {
                    using var redis = ConnectionMultiplexer.Connect("localhost");
                    redis.GetDatabase().Ping();
                }
            }
            """, Library with { IsTest = true });

    [Fact]
    public Task Project_without_StackExchange_Redis_is_silent()
        => Verify.VerifyAsync("""
            public static class Connection
            {
                public static object Connect(string configuration) => configuration;
            }
            """, TestProject.BareConsole with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task Redis_code_before_the_package_is_restored_is_reported_in_the_clear_shapes()
        => Verify.VerifyBrokenAsync("""
            using StackExchange.Redis;

            public sealed class PriceReader
            {
                public string? Read(string key)
                {
                    using var redis = [|ConnectionMultiplexer.Connect("localhost")|];
                    return redis.GetDatabase().StringGet(key);
                }

                public void Touch(string key) => [|ConnectionMultiplexer.Connect("localhost")|].GetDatabase().KeyTouch(key);

                public static Lazy<ConnectionMultiplexer> Shared { get; } = new(() => ConnectionMultiplexer.Connect("localhost"));

                public ConnectionMultiplexer Create() => ConnectionMultiplexer.Connect("localhost");

                private ConnectionMultiplexer? _shared;

                public async Task<ConnectionMultiplexer> SharedAsync()
                    => _shared ??= await ConnectionMultiplexer.ConnectAsync("localhost").ConfigureAwait(false);

                public async Task<long> CountAsync(string key)
                {
                    await using var redis = await [|ConnectionMultiplexer.ConnectAsync("localhost")|].ConfigureAwait(false);
                    return await redis.GetDatabase().ListLengthAsync(key).ConfigureAwait(false);
                }
            }
            """, Library with { Redis = false });

    [Fact]
    public Task Before_restore_an_awaited_connect_in_parentheses_used_as_a_receiver_is_reported()
        => Verify.VerifyBrokenAsync("""
            using StackExchange.Redis;

            public sealed class StockWriter
            {
                public async Task WriteAsync(string sku, string count)
                {
                    var database = (await [|ConnectionMultiplexer.ConnectAsync("localhost")|]).GetDatabase();
                    await database.StringSetAsync(sku, count);
                }
            }
            """, Library with { Redis = false });

    [Fact]
    public Task Unresolved_ConnectionMultiplexer_without_the_Redis_namespace_is_silent()
        => Verify.VerifyBrokenAsync("""
            public sealed class PriceReader
            {
                public string? Read(string key)
                {
                    using var redis = ConnectionMultiplexer.Connect("localhost");
                    return redis.GetDatabase().StringGet(key);
                }
            }
            """, Library with { Redis = false });

    [Fact]
    public Task A_projects_own_ConnectionMultiplexer_type_is_silent()
        => Verify.VerifyAsync("""
            public sealed class ConnectionMultiplexer : IDisposable
            {
                public static ConnectionMultiplexer Connect(string configuration) => new();

                public int Ping() => 1;

                public void Dispose() { }
            }

            public sealed class Pinger
            {
                public int Ping()
                {
                    using var connection = ConnectionMultiplexer.Connect("x");
                    return connection.Ping();
                }
            }
            """, Library with { Redis = false });

    [Fact]
    public Task Half_broken_compilation_does_not_throw()
        => Verify.VerifyBrokenAsync("""
            using StackExchange.Redis;

            public sealed class PriceReader
            {
                public string? Read(string key)
                {
                    using var redis = ConnectionMultiplexer.Connect(Settings.Missing);
                    return redis.GetDatabase().StringGet(key, Unknown.Flags);
                }
            }
            """, Library);

    // ---- code fix ----

    [Fact]
    public Task Fix_hoists_the_connection_into_a_static_Lazy_and_drops_the_using()
        => Fix.VerifyFixAsync("""
            using StackExchange.Redis;

            public sealed class PriceReader
            {
                public string? Read(string key)
                {
                    using var redis = [|ConnectionMultiplexer.Connect("localhost:6379")|];
                    return redis.GetDatabase().StringGet(key);
                }
            }
            """, """
            using StackExchange.Redis;

            public sealed class PriceReader
            {
                private static readonly Lazy<ConnectionMultiplexer> SharedConnection = new(() => ConnectionMultiplexer.Connect("localhost:6379"));

                public string? Read(string key)
                {
                    var redis = SharedConnection.Value;
                    return redis.GetDatabase().StringGet(key);
                }
            }
            """, Library);

    [Fact]
    public Task Fix_for_ConnectAsync_uses_a_lazy_task()
        => Fix.VerifyFixAsync("""
            using StackExchange.Redis;

            public static class Counter
            {
                private const string Configuration = "redis:6379,abortConnect=false";

                public static async Task<long> IncrementAsync(string key)
                {
                    await using var redis = await [|ConnectionMultiplexer.ConnectAsync(Configuration)|];
                    return await redis.GetDatabase().StringIncrementAsync(key);
                }
            }
            """, """
            using StackExchange.Redis;

            public static class Counter
            {
                private static readonly Lazy<Task<ConnectionMultiplexer>> SharedConnection = new(() => ConnectionMultiplexer.ConnectAsync(Configuration));

                private const string Configuration = "redis:6379,abortConnect=false";

                public static async Task<long> IncrementAsync(string key)
                {
                    var redis = await SharedConnection.Value;
                    return await redis.GetDatabase().StringIncrementAsync(key);
                }
            }
            """, Library);

    [Fact]
    public Task FixAll_shares_one_field_per_configuration()
        => Fix.VerifyFixAllAsync("""
            using StackExchange.Redis;

            public sealed class Store
            {
                private string SharedConnection => "taken";

                public string? Get(string key) => [|ConnectionMultiplexer.Connect("a")|].GetDatabase().StringGet(key);

                public void Set(string key, string value) => [|ConnectionMultiplexer.Connect("a")|].GetDatabase().StringSet(key, value);

                public void Publish(string message) => [|ConnectionMultiplexer.Connect("b")|].GetSubscriber().Publish(RedisChannel.Literal("events"), message);
            }
            """, """
            using StackExchange.Redis;

            public sealed class Store
            {
                private static readonly Lazy<ConnectionMultiplexer> SharedConnection2 = new(() => ConnectionMultiplexer.Connect("a"));

                private static readonly Lazy<ConnectionMultiplexer> SharedConnection3 = new(() => ConnectionMultiplexer.Connect("b"));

                private string SharedConnection => "taken";

                public string? Get(string key) => SharedConnection2.Value.GetDatabase().StringGet(key);

                public void Set(string key, string value) => SharedConnection2.Value.GetDatabase().StringSet(key, value);

                public void Publish(string message) => SharedConnection3.Value.GetSubscriber().Publish(RedisChannel.Literal("events"), message);
            }
            """, Library);

    [Fact]
    public Task No_fix_when_the_configuration_comes_from_an_instance_member()
        => Fix.VerifyNoFixAsync("""
            using StackExchange.Redis;

            public sealed class SessionStore(string configuration)
            {
                public void Touch(string id)
                {
                    using var redis = [|ConnectionMultiplexer.Connect(configuration)|];
                    redis.GetDatabase().KeyTouch(id);
                }
            }
            """, Library);

    [Fact]
    public Task No_fix_when_the_connection_is_closed_explicitly()
        => Fix.VerifyNoFixAsync("""
            using StackExchange.Redis;

            public sealed class Pinger
            {
                public void Ping()
                {
                    var redis = [|ConnectionMultiplexer.Connect("localhost")|];
                    redis.GetDatabase().Ping();
                    redis.Close();
                }
            }
            """, Library);

    [Fact]
    public Task No_fix_for_a_using_block()
        => Fix.VerifyNoFixAsync("""
            using StackExchange.Redis;

            public sealed class Pinger
            {
                public void Ping()
                {
                    using (var redis = [|ConnectionMultiplexer.Connect("localhost")|])
                    {
                        redis.GetDatabase().Ping();
                    }
                }
            }
            """, Library);
}
