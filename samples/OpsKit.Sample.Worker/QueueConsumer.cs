using OpsKit.Health;

namespace OpsKit.Sample.Worker;

/// <summary>
/// Takes jobs one at a time. While readiness fails (Redis down, maintenance, shutdown) it takes none: a consumer that
/// cannot finish a job should leave it in the queue for a healthy replica.
/// </summary>
internal sealed partial class QueueConsumer(IJobQueue queue, IOpsHealthState health, ProcessedJobs processed, ILogger<QueueConsumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!health.Current.Ready.IsPassing)
            {
                await Task.Delay(IdleDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            string? job;
            try
            {
                job = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The redis check reports the outage; readiness closes and this loop waits above.
                LogTakeFailed(logger, e.GetType().Name);
                await Task.Delay(IdleDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (job is null)
            {
                await Task.Delay(IdleDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            LogProcessed(logger, job.Length);
            processed.Add();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Processed a job of {Length} characters.")]
    private static partial void LogProcessed(ILogger logger, int length);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not take a job: {ExceptionType}.")]
    private static partial void LogTakeFailed(ILogger logger, string exceptionType);
}
