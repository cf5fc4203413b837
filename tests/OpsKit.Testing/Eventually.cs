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

    /// <summary>Polls <paramref name="probe"/> every 100 ms until <paramref name="condition"/> holds for its value.</summary>
    /// <typeparam name="T">What the probe returns.</typeparam>
    /// <param name="probe">Reads the value (for example an HTTP response); exceptions count as "not yet".</param>
    /// <param name="condition">Whether the value is the awaited one.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="because">What the test waits for, shown in the failure message with the last value.</param>
    /// <returns>The first value that satisfied the condition.</returns>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(condition);
        T? last = default;
        var found = false;
        try
        {
            await Until(
                async () =>
                {
                    last = await probe().ConfigureAwait(false);
                    found = condition(last);
                    return found;
                },
                timeout,
                because).ConfigureAwait(false);
        }
        catch (XunitException ex) when (!found)
        {
            throw new XunitException($"{ex.Message} Last value: {last}");
        }

        return last!;
    }

    /// <summary>Polls a synchronous condition every 100 ms until it returns true.</summary>
    /// <param name="condition">The check.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="because">What the test waits for, shown in the failure message.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public static Task Until(Func<bool> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Until(() => Task.FromResult(condition()), timeout, because);
    }
}
