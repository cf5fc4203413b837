using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Testing.Shared;

/// <summary>
/// Shared source, linked into test projects. Counts the health check runs in progress through the public registration
/// API: every registration's factory is wrapped, a run starts when the engine calls the check and ends when the check's
/// task ends, also after the engine abandoned it at its timeout.
/// </summary>
internal sealed class InFlightChecks
{
    private int _current;

    public int Current => Volatile.Read(ref _current);

    /// <summary>Wraps every check registered before the host is built; resolve the counter from the app's services.</summary>
    public static void AddTo(IServiceCollection services)
    {
        var counter = new InFlightChecks();
        services.AddSingleton(counter);
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var create = registration.Factory;
                registration.Factory = sp => new Counting(create(sp), counter);
            }
        });
    }

    private sealed class Counting(IHealthCheck check, InFlightChecks counter) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref counter._current);
            try
            {
                return await check.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref counter._current);
            }
        }
    }
}
