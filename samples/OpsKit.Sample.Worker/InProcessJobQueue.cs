using System.Collections.Concurrent;

namespace OpsKit.Sample.Worker;

/// <summary>The queue when no Redis is configured: jobs live in this process only.</summary>
public sealed class InProcessJobQueue : IJobQueue
{
    private readonly ConcurrentQueue<string> _jobs = new();

    /// <inheritdoc />
    public Task EnqueueAsync(string job, CancellationToken cancellationToken)
    {
        _jobs.Enqueue(job);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> TakeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_jobs.TryDequeue(out var job) ? job : null);
}
