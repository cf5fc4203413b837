using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpsKit.Testing.Shared;

namespace OpsKit.Npgsql.Tests;

public sealed class PostgresCancellationTests
{
    [Fact]
    public async Task Cancel_requests_to_a_frozen_server_are_sent_from_threads_outside_the_thread_pool()
    {
        await using var server = await PostgresServer.StartAsync();
        // Npgsql logs each cancel request it sends, on the thread that sends it.
        var npgsqlLog = new ThreadRecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(npgsqlLog));
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(PostgresApp.ConnectionString(server, "opskit-cancel"))
                    .UseLoggerFactory(loggers)
                    .Build());
                b.Services.AddOpsHealth().AddNpgsql();
            },
            PostgresApp.FastPeriods());
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");

        await server.FreezeAsync();
        try
        {
            await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.Check("postgres").Category() == "timeout",
                TimeSpan.FromSeconds(6),
                "the frozen server is a timeout");
        }
        finally
        {
            // Queries that were waiting on the frozen server send their cancel requests now at the latest.
            await server.ThawAsync();
        }

        await Eventually.Until(() => Task.FromResult(npgsqlLog.Cancellations().Count), n => n > 0, TimeSpan.FromSeconds(20), "Npgsql sends a cancel request");
        Assert.All(npgsqlLog.Cancellations(), r => Assert.False(r.OnThreadPool, "a cancel request was sent from a thread-pool thread"));
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(10), "the thawed server is healthy again");
    }

    private sealed record LogRecord(string Category, string Message, bool OnThreadPool);

    /// <summary>Keeps each log record with whether it was written on a thread-pool thread.</summary>
    private sealed class ThreadRecordingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogRecord> _records = new();

        /// <summary>Npgsql's "Sending PostgreSQL cancellation..." records (event CancellingCommand, Debug).</summary>
        public List<LogRecord> Cancellations() =>
            _records.Where(r => r.Message.StartsWith("Sending PostgreSQL cancellation", StringComparison.Ordinal)).ToList();

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _records);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<LogRecord> records) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                records.Enqueue(new LogRecord(category, formatter(state, exception), Thread.CurrentThread.IsThreadPoolThread));
        }
    }
}
