using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;
using OpsKit.Security;
using OpsKit.Security.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OpsKit's security signals.
/// </summary>
public static class OpsSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Counts security events (<c>opskit.security.events{type,reason}</c>) and authentication attempts
    /// (<c>opskit.security.auth.attempts{scheme,result}</c>) from ASP.NET Core authentication (every scheme), authorization
    /// results, rate-limiter rejections and antiforgery failures; keeps a bounded top-offender table of client addresses
    /// per event type in the detailed health JSON (section <c>security</c>), never as a label; registers
    /// <see cref="ISecuritySignals"/> for application events; and validates <c>OpsKit:Security</c> plus signing and API keys
    /// at start-up (errors name the key, never the value). Call it after <c>AddAntiforgery()</c> (or MVC) and after
    /// registering a custom <see cref="IAuthorizationMiddlewareResultHandler"/>, which it decorates. Calling it again is harmless.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Options set in code; configuration under <c>OpsKit:Security</c> takes precedence.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOpsSecuritySignals(this IServiceCollection services, Action<OpsSecurityOptions>? configure = null)
    {
        if (services.ConfigureOpsCapability<OpsSecurityOptions, SecuritySignals>(configure) is null)
        {
            return services;
        }

        // Bound after code configuration, as every OpsKit section: configuration wins.
        services.AddOpsSection<OpsSecurityOptions>(OpsSecurityOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpsSecurityOptions>, OpsSecurityOptionsValidator>());
        services.TryAddOpsKitMeter();
        services.AddSingleton<SecuritySignals>();
        services.AddSingleton<ISecuritySignals>(static sp => sp.GetRequiredService<SecuritySignals>());
        services.AddSingleton<CertificateValidationSignals>();
        services.AddSingleton<IOutboundTlsObserver>(static sp => sp.GetRequiredService<CertificateValidationSignals>());
        services.AddSingleton(new SecurityClientNames());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, CertificateValidationFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthDetailsSection, SecurityDetailsSection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RateLimiterOptions>, RateLimiterSignals>());
        services.AddOpsStartupValidator<SecurityStartupValidator>();

        services.AddAuthenticationCore();
        Decorate<IAuthenticationService>(services, static (sp, inner) => ActivatorUtilities.CreateInstance<SignalingAuthenticationService>(sp, inner));
        if (!services.Any(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler)))
        {
            services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler>();
        }

        Decorate<IAuthorizationMiddlewareResultHandler>(services, static (sp, inner) => ActivatorUtilities.CreateInstance<SignalingAuthorizationResultHandler>(sp, inner));
        if (services.Any(d => d.ServiceType == typeof(IAntiforgery)))
        {
            Decorate<IAntiforgery>(services, static (sp, inner) => ActivatorUtilities.CreateInstance<SignalingAntiforgery>(sp, inner));
        }

        return services;
    }

    /// <summary>Replaces the last registration of <typeparamref name="T"/> by a decorator around it, keeping its lifetime.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> decorate)
        where T : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(T) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(T), sp => decorate(sp, CreateOriginal<T>(sp, original)), original.Lifetime);
    }

    private static T CreateOriginal<T>(IServiceProvider sp, ServiceDescriptor original)
        where T : class
    {
        if (original.ImplementationInstance is T instance)
        {
            return instance;
        }

        if (original.ImplementationFactory is { } factory)
        {
            return (T)factory(sp);
        }

        return (T)ActivatorUtilities.CreateInstance(sp, original.ImplementationType ?? typeof(T));
    }
}
