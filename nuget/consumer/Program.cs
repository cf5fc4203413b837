// A minimal web app with the mistakes the OpsKit analyzers exist for. Building it against the packed OpsKit package
// must report OPS0001 (no health endpoint), OPS0003 (unbounded cache) and OPS0007 (a Redis connection per request);
// tests/OpsKit.Packaging.Tests checks that. Like most real apps it hands the app to Swagger and to a third-party
// request-logging middleware first: neither can map a health endpoint, so neither may hide OPS0001.
using Microsoft.Extensions.Caching.Memory;
using Serilog;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSerilog(logger => logger.WriteTo.Console());
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();

var app = builder.Build();

app.UseSerilogRequestLogging();
app.UseSwagger();
app.UseSwaggerUI();

var cache = new MemoryCache(new MemoryCacheOptions());

app.MapGet("/", () => cache.GetOrCreate("greeting", _ => "OpsKit consumer"));
app.MapGet("/hits", async () =>
{
    using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379");
    return (long)await redis.GetDatabase().StringIncrementAsync("hits");
});

app.Run();
