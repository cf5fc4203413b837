using OpsKit.Hosting.Internal;

namespace OpsKit.Hosting;

/// <summary>
/// Errors for the start-up report that a package's own validation cannot find by reading options alone.
/// </summary>
public static class OpsStartupErrors
{
    /// <summary>
    /// In validate-only mode (<c>--opskit-validate</c>), creates a client the application registered (by calling
    /// <paramref name="resolve"/>) and returns its factory's failure as errors by key: a malformed
    /// <c>ConnectionStrings:*</c> value of a client whose <see cref="IConnectionStringSyntax"/> is registered, otherwise
    /// one line with the exception type and message, never a stack trace. Outside validate-only mode nothing is created
    /// and the result is empty: some clients connect when they are created, and a normal start must not wait for that.
    /// Call it from an <c>IValidateOptions&lt;TOptions&gt;</c> or an <see cref="IOpsStartupValidation"/>.
    /// </summary>
    /// <param name="services">The application's service provider.</param>
    /// <param name="serviceDescription">The service as operators know it, e.g. <c>NpgsqlDataSource</c>.</param>
    /// <param name="resolve">Resolves the client from <paramref name="services"/>.</param>
    /// <returns>The errors; empty when the client was created or validate-only mode is off.</returns>
    public static IReadOnlyList<string> ClientCreation(IServiceProvider services, string serviceDescription, Action<IServiceProvider> resolve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceDescription);
        return StartupFailure.ClientCreationErrors(services, serviceDescription, resolve);
    }
}
