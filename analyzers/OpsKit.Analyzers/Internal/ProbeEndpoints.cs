using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>Hand-written probes: a <c>Map…</c> route or a controller action whose route says it is a probe.</summary>
internal static class ProbeEndpoints
{
    private static readonly string[] RouteTokens = ["health", "alive", "liveness", "readiness", "/live", "/ready", "/ping"];

    public static bool IsProbeRoute(string route)
    {
        foreach (var token in RouteTokens)
        {
            if (route.IndexOf(token, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>app.MapGet("/healthz", …)</c>: a constant route argument that names a probe.</summary>
    public static bool HasProbeRoute(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string route } && IsProbeRoute(route))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The syntax-only twin of <see cref="HasProbeRoute(IInvocationOperation)"/>.</summary>
    public static bool HasProbeRoute(InvocationExpressionSyntax invocation)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is LiteralExpressionSyntax literal && literal.Token.Value is string route && IsProbeRoute(route))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A controller in the project that serves a probe: its name says so (HealthController, ProbesController,
    /// PingController) or one of its actions has a route such as <c>~/alive</c> or <c>api/health</c>.
    /// Looked up once per compilation, and only for an app that would otherwise be reported.
    /// </summary>
    public static bool HasProbeController(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var symbol in compilation.GetSymbolsWithName(IsControllerName, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type)
            {
                continue;
            }

            if (IsProbeName(type.Name) || HasProbeRouteAttribute(type))
            {
                return true;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } action && HasProbeRouteAttribute(action))
                {
                    return true;
                }
            }
        }

        return false;

        static bool IsControllerName(string name) => name.EndsWith("Controller", StringComparison.Ordinal);

        static bool IsProbeName(string name)
            => name.IndexOf("Health", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Probe", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Liveness", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Readiness", StringComparison.OrdinalIgnoreCase) >= 0
                || name.StartsWith("Ping", StringComparison.Ordinal);
    }

    private static bool HasProbeRouteAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ContainingNamespace?.ToDisplayString() != "Microsoft.AspNetCore.Mvc")
            {
                continue;
            }

            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Kind != TypedConstantKind.Array && argument.Value is string route && IsProbeRoute(route))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
