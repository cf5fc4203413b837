namespace OpsKit.Tests;

/// <summary>Polls a condition every 100 ms until it holds or the deadline passes; never a bare sleep.</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = await probe();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}. Last value: {last}");
            }

            await Task.Delay(100);
            last = await probe();
        }

        return last;
    }

    public static Task Until(Func<bool> condition, TimeSpan timeout, string because) =>
        Until(() => Task.FromResult(condition()), static ok => ok, timeout, because);
}
