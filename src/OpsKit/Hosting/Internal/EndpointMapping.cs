using Microsoft.AspNetCore.Routing;

namespace OpsKit.Hosting.Internal;

/// <summary>What every <c>MapOps*()</c> method reads from the application's services before it maps anything.</summary>
internal static class EndpointMapping
{
    /// <summary>
    /// The service <paramref name="add"/> registers, from the application's services; mapping without it is a mistake
    /// the exception explains.
    /// </summary>
    public static T Require<T>(IEndpointRouteBuilder endpoints, string map, string needs, string add)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.ServiceProvider.GetService<T>()
            ?? throw new InvalidOperationException($"{map} needs {needs}: call builder.Services.{add} first.");
    }

    /// <summary>
    /// The capability's options, or its defaults when they fail validation: the host reports every configuration error
    /// at start-up, and mapping must not hide them behind the first.
    /// </summary>
    public static TOptions OptionsOrDefaults<TOptions>(IServiceProvider services)
        where TOptions : class, new()
    {
        try
        {
            return services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            return new TOptions();
        }
    }
}
