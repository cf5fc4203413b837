using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Tests;

/// <summary>A check whose result the test sets, counting its runs.</summary>
internal sealed class ControlledCheck
{
    private int _runs;

    public HealthCheckResult Result { get; set; } = HealthCheckResult.Healthy();

    public int Runs => Volatile.Read(ref _runs);

    public Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(Result);
    }
}

/// <summary>A check that hangs until released, counting how many runs started and how many are in progress.</summary>
internal sealed class HangingCheck : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private int _started;
    private int _inProgress;

    public int Started => Volatile.Read(ref _started);

    public int InProgress => Volatile.Read(ref _inProgress);

    /// <summary>Blocks the thread, ignoring the token, like a driver call without a timeout.</summary>
    public Task<HealthCheckResult> BlockSynchronously(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _inProgress);
        try
        {
            _release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    /// <summary>Awaits, ignoring the token, like PING on a client that never gives up.</summary>
    public async Task<HealthCheckResult> AwaitIgnoringToken(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _inProgress);
        try
        {
            await Task.Run(() => _release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None), CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
