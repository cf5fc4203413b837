using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// Why an application multiplexer is not connected. StackExchange.Redis raises <c>ConnectionFailed</c> once, usually
/// inside <c>Connect</c> before OpsKit sees the multiplexer, and has no public "last failure". So while disconnected, one
/// short connection attempt at a time with the same configuration is made and its outcome kept: rejected credentials
/// (<c>auth</c>) need a different fix than a server that is down (<c>connection_refused</c>).
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

            _ = ProbeAsync(multiplexer);
        }

        // The application's multiplexer keeps reconnecting in the background, and an attempt can sit in its handshake
        // until the multiplexer resets it, so its own commands then fail as UnableToConnect although Redis rejected the
        // credentials. One short connection of our own, with the multiplexer's configuration (credentials included),
        // gets Redis's answer to those credentials directly; it is closed at once.
        private async Task ProbeAsync(IConnectionMultiplexer multiplexer)
        {
            Exception? failure = null;
            try
            {
                var options = ConfigurationOptions.Parse(multiplexer.Configuration);
                options.AbortOnConnectFail = true;
                options.ConnectRetry = 1;
                await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failure = exception;
            }

            // Whatever the attempt threw, the probe is free again: a fire-and-forget task must not stay pending.
            Complete(failure);
        }

        private void Complete(Exception? failure)
        {
            _credentialsRejected = failure is not null && IsAuthenticationFailure(failure);
            Volatile.Write(ref _pending, 0);
        }
    }
}
