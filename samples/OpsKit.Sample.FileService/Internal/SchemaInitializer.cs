using Npgsql;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>
/// Creates the metadata table in the background, retrying with back-off while PostgreSQL is unreachable: start-up never
/// waits for the database (the <c>postgres</c> check reports it instead).
/// </summary>
internal sealed class SchemaInitializer(MetadataStore store, TimeProvider time, ILogger<SchemaInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.EnsureSchemaAsync(stoppingToken).ConfigureAwait(false);
                Log.SchemaReady(logger);
                return;
            }
            catch (NpgsqlException e)
            {
                Log.SchemaNotReady(logger, delay.TotalSeconds, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
