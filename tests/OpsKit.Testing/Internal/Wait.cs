namespace OpsKit.Testing.Internal;

/// <summary>Polling used by the fixtures themselves (process exit, readiness).</summary>
internal static class Wait
{
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public static Task<bool> UntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout) =>
        UntilAsync(() => !pids.Any(ProcessTable.IsAlive), timeout, CancellationToken.None);
}
