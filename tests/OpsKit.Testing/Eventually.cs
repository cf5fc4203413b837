using Xunit.Sdk;

namespace OpsKit.Testing;

/// <summary>Polling for real-server tests, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it returns true.</summary>
    /// <param name="condition">The check; exceptions it throws count as "not yet".</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="because">What the test waits for, shown in the failure message.</param>
    /// <exception cref="XunitException">The condition was still false after <paramref name="timeout"/>.</exception>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }
            }
#pragma warning disable CA1031 // A failing probe is a "not yet"; the last failure is reported on timeout.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                last = exception;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new XunitException(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}." +
                    (last is null ? string.Empty : $" Last error: {last.GetType().Name}: {last.Message}"));
            }

            await Task.Delay(Step).ConfigureAwait(false);
        }
    }
}
