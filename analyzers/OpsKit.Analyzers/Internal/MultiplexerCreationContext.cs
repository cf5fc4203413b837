using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>How often the code around a <c>ConnectionMultiplexer.Connect</c> call runs, for OPS0007.</summary>
internal enum ConnectFrequency
{
    /// <summary>The surroundings do not say: the use of the connection decides.</summary>
    Unknown,

    /// <summary>Once per process or shared: the result is kept.</summary>
    Shared,

    /// <summary>Once per request or resolution.</summary>
    PerOperation,
}

/// <summary>
/// Where a Connect call sits, for OPS0007: the member that owns it (a constructor or initializer of a per-request class,
/// setup code that runs once) and what a lambda around it is handed to (Lazy, singleton or scoped registrations).
/// </summary>
internal static class MultiplexerCreationContext
{
    /// <summary>The class whose instances run this code once each: instance constructors and instance field/property initializers.</summary>
    public static INamedTypeSymbol? PerInstanceType(ISymbol owner)
        => owner switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor => constructor.ContainingType,
            IFieldSymbol { IsStatic: false } field => field.ContainingType,
            IPropertySymbol { IsStatic: false } property => property.ContainingType,
            _ => null,
        };

    /// <summary>ASP.NET Core creates controllers, Razor pages, SignalR hubs and components for every request or connection.</summary>
    public static bool IsPerRequestFrameworkType(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var ns = current.ContainingNamespace?.ToDisplayString();
            if ((current.Name is "ControllerBase" or "Controller" && ns == "Microsoft.AspNetCore.Mvc")
                || (current.Name is "PageModel" && ns == "Microsoft.AspNetCore.Mvc.RazorPages")
                || (current.Name is "Hub" && ns == "Microsoft.AspNetCore.SignalR")
                || (current.Name is "ComponentBase" && ns == "Microsoft.AspNetCore.Components"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Code that runs once: type initializers, constructors (lifetime unknown), entry points, DI setup.</summary>
    public static bool IsSharedContext(ISymbol owner)
    {
        switch (owner)
        {
            case IFieldSymbol or IPropertySymbol:
                return true; // static initializers: once per process
            case IMethodSymbol method:
                if (method.MethodKind is MethodKind.StaticConstructor)
                {
                    return true;
                }

                if (method.IsStatic && method.Name is "Main" or "<Main>$")
                {
                    return true;
                }

                // A console tool's Program runs each of its static steps once per run.
                if (method.IsStatic && method.ContainingType?.GetMembers("Main").Length > 0)
                {
                    return true;
                }

                // BackgroundService.ExecuteAsync and IHostedService.StartAsync run once per process.
                if (method.Name is "ExecuteAsync" or "StartAsync" or "StartingAsync" && IsHostedService(method.ContainingType))
                {
                    return true;
                }

                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Type.Name is "IServiceCollection" or "IHostApplicationBuilder" or "WebApplicationBuilder" or "IHostBuilder" or "HostApplicationBuilder"
                        && parameter.Type.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.DependencyInjection" or "Microsoft.Extensions.Hosting" or "Microsoft.AspNetCore.Builder")
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsHostedService(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name is "IHostedService" or "IHostedLifecycleService" && implemented.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Hosting")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the lambda around a Connect call is handed to: Lazy and singleton registrations share its result, scoped/transient registrations do not.</summary>
    public static ConnectFrequency ClassifyLambdaConsumer(IAnonymousFunctionOperation lambda, Lazy<INamedTypeSymbol?> lazy)
    {
        var consumer = lambda.WalkUpConversions();
        if (consumer is IDelegateCreationOperation)
        {
            consumer = consumer.WalkUpConversions();
        }

        if (consumer is not IArgumentOperation argument)
        {
            return ConnectFrequency.Unknown;
        }

        switch (argument.Parent)
        {
            case IObjectCreationOperation creation when lazy.Value is { } lazyType && SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, lazyType):
                return ConnectFrequency.Shared;
            case IObjectCreationOperation creation when creation.Type?.Name is "AsyncLazy":
                return ConnectFrequency.Shared;
            case IInvocationOperation invocation:
                var name = invocation.TargetMethod.Name;
                if (name is "EnsureInitialized" or "GetOrAdd" or "GetOrCreate" or "GetOrCreateAsync"
                    || name.StartsWith("AddSingleton", StringComparison.Ordinal)
                    || name.StartsWith("TryAddSingleton", StringComparison.Ordinal)
                    || name.StartsWith("AddKeyedSingleton", StringComparison.Ordinal)
                    || name.StartsWith("TryAddKeyedSingleton", StringComparison.Ordinal))
                {
                    return ConnectFrequency.Shared;
                }

                if (name is "AddScoped" or "AddTransient" or "TryAddScoped" or "TryAddTransient" or "AddKeyedScoped" or "AddKeyedTransient" or "TryAddKeyedScoped" or "TryAddKeyedTransient"
                    && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.DependencyInjection" or "Microsoft.Extensions.DependencyInjection.Extensions")
                {
                    return ConnectFrequency.PerOperation;
                }

                return ConnectFrequency.Unknown;
            default:
                return ConnectFrequency.Unknown;
        }
    }
}
