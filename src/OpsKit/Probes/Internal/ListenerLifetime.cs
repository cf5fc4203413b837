namespace OpsKit.Probes.Internal;

/// <summary>
/// The probe listener's host lifetime: the application's host owns signals and shutdown. The default console lifetime
/// would stop the listener on SIGTERM at once, before <c>ShutdownDelay</c> has shown readiness 503 <c>stopping</c>.
/// </summary>
internal sealed class ListenerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
