namespace OpsKit.Sample.Worker;

/// <summary>Where the worker takes its jobs from.</summary>
public interface IJobQueue
{
    /// <summary>Adds a job at the tail.</summary>
    Task EnqueueAsync(string job, CancellationToken cancellationToken);

    /// <summary>Takes the job at the head, or null when the queue is empty.</summary>
    Task<string?> TakeAsync(CancellationToken cancellationToken);
}
