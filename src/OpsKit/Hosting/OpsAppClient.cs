using OpsKit.Hosting.Internal;

namespace OpsKit.Hosting;

/// <summary>
/// The application's own client of a dependency (an <c>NpgsqlDataSource</c>, an <c>IConnectionMultiplexer</c>, a
/// RabbitMQ <c>IConnection</c>…) in dependency injection, keyed or not: how an integration finds the client it checks or
/// uses instead of creating a second one, and reports at start-up that it is missing or cannot be created.
/// </summary>
/// <typeparam name="TClient">The client's service type.</typeparam>
/// <param name="serviceKey">The key of a keyed service; null for the unkeyed one.</param>
public sealed class OpsAppClient<TClient>(object? serviceKey = null)
    where TClient : notnull
{
    /// <summary>The key of the keyed service; null for the unkeyed one.</summary>
    public object? ServiceKey { get; } = serviceKey;

    /// <summary>The service as operators know it: <c>NpgsqlDataSource</c> or <c>NpgsqlDataSource (keyed service 'orders')</c>.</summary>
    public string Description => ServiceKey is null
        ? typeof(TClient).Name
        : $"{typeof(TClient).Name} (keyed service '{ServiceKey}')";

    /// <summary>The application's client: the keyed one for a <see cref="ServiceKey"/>, else the unkeyed one.</summary>
    /// <param name="services">The application's service provider.</param>
    /// <returns>The client; it throws when none is registered.</returns>
    public TClient Resolve(IServiceProvider services) => ServiceKey is null
        ? services.GetRequiredService<TClient>()
        : services.GetRequiredKeyedService<TClient>(ServiceKey);

    /// <summary>Whether the client is registered, without creating it.</summary>
    /// <param name="services">The application's service provider.</param>
    /// <returns><see langword="true"/> when <see cref="Resolve"/> finds a registration.</returns>
    public bool IsRegistered(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (ServiceKey is null)
        {
            return services.GetService<IServiceProviderIsService>() is { } isService
                ? isService.IsService(typeof(TClient))
                : services.GetService<TClient>() is not null;
        }

        return services.GetService<IServiceProviderIsKeyedService>() is { } isKeyed
            ? isKeyed.IsKeyedService(typeof(TClient), ServiceKey)
            : services.GetKeyedService<TClient>(ServiceKey) is not null;
    }

    /// <summary>
    /// The start-up errors of the client: <paramref name="whenMissing"/> when it is not registered, otherwise those of
    /// <see cref="OpsStartupErrors.ClientCreation"/> (only in validate-only mode).
    /// </summary>
    /// <param name="services">The application's service provider.</param>
    /// <param name="whenMissing">The message for a missing registration: which call needs it and how to register it.</param>
    /// <returns>The errors; empty when the client is fine.</returns>
    public IReadOnlyList<string> StartupErrors(IServiceProvider services, string whenMissing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(whenMissing);
        return IsRegistered(services)
            ? StartupFailure.ClientCreationErrors(services, Description, s => Resolve(s))
            : [whenMissing];
    }
}
