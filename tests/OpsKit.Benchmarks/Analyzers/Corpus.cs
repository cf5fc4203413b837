using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpsKit.Benchmarks.Analyzers;

/// <summary>
/// A realistic large ASP.NET Core service compiled in memory against the SDK's reference packs: a top-level
/// Program with extension-method composition, a Startup class, and per feature a service (memory cache, Redis,
/// dictionaries, async I/O, string handling), an endpoint module, models and an ADO.NET repository (DbDataSource).
/// </summary>
public static class Corpus
{
    public static CSharpCompilation Create(int features)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(GlobalUsings, parse, "/obj/GlobalUsings.g.cs"),
            CSharpSyntaxTree.ParseText(Program(features), parse, "/src/Program.cs"),
            CSharpSyntaxTree.ParseText(Startup, parse, "/src/LegacyStartup.cs"),
        };
        for (var i = 0; i < features; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            trees.Add(CSharpSyntaxTree.ParseText(Service.Replace("N_", n, StringComparison.Ordinal), parse, $"/src/Features/F{n}/Service.cs"));
            trees.Add(CSharpSyntaxTree.ParseText(Endpoints.Replace("N_", n, StringComparison.Ordinal), parse, $"/src/Features/F{n}/Endpoints.cs"));
            trees.Add(CSharpSyntaxTree.ParseText(Models.Replace("N_", n, StringComparison.Ordinal), parse, $"/src/Features/F{n}/Models.cs"));
            trees.Add(CSharpSyntaxTree.ParseText(Repository.Replace("N_", n, StringComparison.Ordinal), parse, $"/src/Features/F{n}/Repository.cs"));
        }

        var compilation = CSharpCompilation.Create(
            "Shop.Api",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Benchmark corpus does not compile:\n" + string.Join("\n", errors));
        }

        return compilation;
    }

    public static int LineCount(Compilation compilation) => compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count);

    private static ImmutableArray<MetadataReference> References()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var packRoot = Path.Combine(root, "packs", pack);
            var version = Directory.GetDirectories(packRoot).Select(Path.GetFileName).Where(v => v!.StartsWith("10.", StringComparison.Ordinal)).Max(StringComparer.Ordinal)!;
            builder.AddRange(Directory.GetFiles(Path.Combine(packRoot, version, "ref", "net10.0"), "*.dll").Select(f => MetadataReference.CreateFromFile(f)));
        }

        builder.Add(MetadataReference.CreateFromFile(typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly.Location));
        return builder.ToImmutable();
    }

    private const string GlobalUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    private static string Program(int features)
    {
        var services = new StringBuilder();
        var endpoints = new StringBuilder();
        for (var i = 0; i < features; i++)
        {
            services.Append(CultureInfo.InvariantCulture, $"builder.Services.AddScoped<Shop.Features.F{i}.OrderService{i}>();\n");
            endpoints.Append(CultureInfo.InvariantCulture, $"Shop.Features.F{i}.OrderEndpoints{i}.Map(api);\n");
        }

        return $$"""
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Diagnostics.HealthChecks;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Configuration.AddEnvironmentVariables("SHOP_");
            builder.Logging.ClearProviders().AddConsole();
            builder.Services.AddProblemDetails();
            builder.Services.AddAuthorization();
            builder.Services.AddMemoryCache(o => o.SizeLimit = 100_000);
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(builder.Configuration.GetConnectionString("redis") ?? "localhost"));
            builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
            builder.Services.AddHttpClient();
            {{services}}
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler();
                app.UseHsts();
            }

            app.UseAuthorization();
            var api = app.MapGroup("/api");
            {{endpoints}}
            app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
            app.MapHealthChecks("/health/ready");
            await app.RunAsync();

            public partial class Program;
            """;
    }

    private const string Startup = """
        namespace Shop.Legacy;

        public sealed class LegacyStartup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHealthChecks();
                services.AddMemoryCache(o => configuration.GetSection("Cache").Bind(o));
            }

            public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }

                app.UseRouting();
                app.UseEndpoints(endpoints =>
                {
                    endpoints.MapControllers();
                    endpoints.MapHealthChecks("/health");
                });
            }
        }
        """;

    private const string Service = """
        using System.Collections.Concurrent;
        using System.Globalization;
        using Microsoft.Extensions.Caching.Memory;
        using StackExchange.Redis;

        namespace Shop.Features.FN_;

        public sealed class OrderServiceN_(IMemoryCache cache, IConnectionMultiplexer redis, IHttpClientFactory httpClientFactory, ILogger<OrderServiceN_> logger)
        {
            private static readonly ConcurrentDictionary<string, decimal> Rates = new();
            private static readonly ConcurrentDictionary<Type, string> TypeNames = new();
            private readonly MemoryCache _local = new(new MemoryCacheOptions { SizeLimit = 1_000 });
            private readonly Dictionary<string, int> _counters = new();

            public async Task<OrderN_?> GetAsync(int id, CancellationToken cancellationToken)
            {
                var key = "order:" + id.ToString(CultureInfo.InvariantCulture);
                if (cache.TryGetValue(key, out OrderN_? cached))
                {
                    return cached;
                }

                var db = redis.GetDatabase();
                var json = await db.StringGetAsync(key);
                if (json.IsNullOrEmpty)
                {
                    using var client = httpClientFactory.CreateClient("catalog");
                    var order = await client.GetFromJsonAsync<OrderN_>($"orders/{id}", cancellationToken);
                    if (order is null)
                    {
                        logger.LogWarning("Order {Id} not found", id);
                        return null;
                    }

                    cache.Set(key, order, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
                    await db.StringSetAsync(key, System.Text.Json.JsonSerializer.Serialize(order), TimeSpan.FromMinutes(10));
                    return order;
                }

                return System.Text.Json.JsonSerializer.Deserialize<OrderN_>(json.ToString());
            }

            public decimal Convert(string currency, decimal amount)
            {
                var rate = Rates.GetOrAdd(currency.ToUpperInvariant(), c => c == "EUR" ? 1m : 1.1m);
                if (string.Equals(currency, "usd", StringComparison.OrdinalIgnoreCase))
                {
                    return Math.Round(amount * rate, 2, MidpointRounding.ToEven);
                }

                return amount * rate;
            }

            public void Reset() => Rates.Clear();

            public string Describe(object value) => TypeNames.GetOrAdd(value.GetType(), t => t.Name);

            public int Count(string name)
            {
                lock (_counters)
                {
                    _counters[name] = _counters.TryGetValue(name, out var count) ? count + 1 : 1;
                    if (_counters.Count > 10_000)
                    {
                        _counters.Clear();
                    }

                    return _counters[name];
                }
            }

            public string? Local(string key) => _local.GetOrCreate(key, entry =>
            {
                entry.Size = 1;
                entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                return key.Trim().ToLowerInvariant();
            });

            public async Task<long> VisitAsync(string page)
            {
                var total = 0L;
                foreach (var part in page.Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    total += await redis.GetDatabase().StringIncrementAsync("visits:" + part);
                }

                return total;
            }

            public IReadOnlyList<OrderLineN_> Sort(IEnumerable<OrderLineN_> lines)
                => lines.Where(l => l.Quantity > 0).OrderBy(l => l.Sku, StringComparer.Ordinal).ThenByDescending(l => l.Price).ToList();

            public static int Parse(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        """;

    private const string Endpoints = """
        namespace Shop.Features.FN_;

        public static class OrderEndpointsN_
        {
            public static void Map(IEndpointRouteBuilder api)
            {
                var group = api.MapGroup("/fN_").WithTags("featureN_");
                group.MapGet("/orders/{id:int}", async (int id, OrderServiceN_ service, CancellationToken ct) =>
                {
                    var order = await service.GetAsync(id, ct);
                    return order is null ? Results.NotFound() : Results.Ok(order);
                });
                group.MapPost("/orders", (OrderN_ order) => Results.Created($"/fN_/orders/{order.Id}", order));
                group.MapGet("/convert", (string currency, decimal amount, OrderServiceN_ service) => service.Convert(currency, amount));
                group.MapGet("/visits/{page}", (string page, OrderServiceN_ service) => service.VisitAsync(page));
            }
        }
        """;

    private const string Models = """
        namespace Shop.Features.FN_;

        public sealed record OrderLineN_(string Sku, int Quantity, decimal Price);

        public sealed class OrderN_
        {
            public int Id { get; set; }

            public string Customer { get; set; } = "";

            public List<OrderLineN_> Lines { get; set; } = [];

            public DateTimeOffset CreatedAt { get; set; }

            public decimal Total => Lines.Sum(l => l.Quantity * l.Price);

            public override string ToString() => $"{Id} {Customer} {Total.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        """;

    private const string Repository = """
        using System.Data;
        using System.Data.Common;

        namespace Shop.Features.FN_;

        public sealed class OrderRepositoryN_(DbDataSource dataSource)
        {
            public async Task<long> CountAsync(CancellationToken cancellationToken)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM orders";
                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }

            public async Task SaveAsync(OrderN_ order, CancellationToken cancellationToken)
            {
                await using var connection = dataSource.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO orders (id, customer) VALUES (@id, @customer)";
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            public int Delete(int id)
            {
                var connection = dataSource.OpenConnection();
                try
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "DELETE FROM orders WHERE id = " + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return command.ExecuteNonQuery();
                }
                finally
                {
                    connection.Dispose();
                }
            }

            public DbConnection OpenShared() => dataSource.OpenConnection();

            public IDataReader Stream(string sql)
            {
                var command = dataSource.OpenConnection().CreateCommand();
                command.CommandText = sql;
                return command.ExecuteReader(CommandBehavior.CloseConnection);
            }
        }
        """;
}
