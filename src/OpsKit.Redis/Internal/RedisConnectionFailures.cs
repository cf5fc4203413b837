using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// Why an application multiplexer is not connected. StackExchange.Redis raises <c>ConnectionFailed</c> once, usually
/// inside <c>Connect</c> before OpsKit sees the multiplexer, and has no public "last failure"; only a command's exception
/// carries it. So while disconnected, one PING at a time is left to the multiplexer's own timeout and its outcome kept:
/// rejected credentials (<c>auth</c>) need a different fix than a server that is down (<c>connection_refused</c>).
/// </summary>
internal static class RedisConnectionFailures
{
    private static readonly ConditionalWeakTable<IConnectionMultiplexer, Probe> Probes = [];

    /// <summary>
    /// Whether the last probe of the disconnected <paramref name="multiplexer"/> failed on authentication; starts a new
    /// probe unless one is still pending (never more than one queued PING per multiplexer).
    /// </summary>
    public static bool CredentialsRejected(IConnectionMultiplexer multiplexer)
    {
        var probe = Probes.GetValue(multiplexer, static _ => new Probe());
        probe.StartIfIdle(multiplexer);
        return probe.CredentialsRejected;
    }

    internal static bool IsAuthenticationFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure })
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Probe
    {
        private int _pending;
        private volatile bool _credentialsRejected;

        public bool CredentialsRejected => _credentialsRejected;

        public void StartIfIdle(IConnectionMultiplexer multiplexer)
        {
            if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
            {
                return;
            }

            Task<TimeSpan> ping;
            try
            {
                ping = multiplexer.GetDatabase().PingAsync();
            }
            catch (Exception exception) when (exception is RedisException or ObjectDisposedException)
            {
                Complete(exception);
                return;
            }

            _ = ping.ContinueWith(
                static (task, state) => ((Probe)state!).Complete(task.Exception?.GetBaseException()),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        private void Complete(Exception? failure)
        {
            _credentialsRejected = failure is not null && IsAuthenticationFailure(failure);
            Volatile.Write(ref _pending, 0);
        }
    }
}
