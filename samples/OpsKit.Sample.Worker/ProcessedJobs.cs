namespace OpsKit.Sample.Worker;

/// <summary>How many jobs the worker has finished.</summary>
public sealed class ProcessedJobs
{
    private long _count;

    /// <summary>Jobs finished since start.</summary>
    public long Count => Interlocked.Read(ref _count);

    internal void Add() => Interlocked.Increment(ref _count);
}
