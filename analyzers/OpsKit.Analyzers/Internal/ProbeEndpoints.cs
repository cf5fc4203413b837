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
    /// Looked up once per compilation, and only for an app that would otherwise be reported. The names are asked
    /// first, of every controller; a controller's attributes are bound only when one of its attribute arguments (its
    /// own or its methods') is not a string literal, or is one that names a probe.
    /// </summary>
    public static bool HasProbeController(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var controllers = new System.Collections.Generic.List<INamedTypeSymbol>();
        foreach (var symbol in compilation.GetSymbolsWithName(IsControllerName, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type)
            {
                if (IsProbeName(type.Name))
                {
                    return true;
                }

                controllers.Add(type);
            }
        }

        foreach (var type in controllers)
        {
            if (!MayRouteToProbe(type, cancellationToken))
            {
                continue;
            }

            if (HasProbeRouteAttribute(type))
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

    /// <summary>
    /// Whether an attribute of the controller or of one of its methods may carry a probe route: a positional string
    /// literal that names one, or a positional argument of a routing attribute (Route, Http…, AcceptVerbs, ActionName,
    /// Area) that is not a literal (a constant, an interpolation).
    /// </summary>
    private static bool MayRouteToProbe(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                return true;
            }

            if (MayRouteToProbe(declaration.AttributeLists))
            {
                return true;
            }

            foreach (var member in declaration.Members)
            {
                if (member is MethodDeclarationSyntax method && MayRouteToProbe(method.AttributeLists))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MayRouteToProbe(SyntaxList<AttributeListSyntax> lists)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.ArgumentList is null)
                {
                    continue;
                }

                foreach (var argument in attribute.ArgumentList.Arguments)
                {
                    if (argument.NameEquals is not null)
                    {
                        continue; // a property, not a constructor argument
                    }

                    if (argument.Expression is LiteralExpressionSyntax literal
                        ? literal.Token.Value is string route && IsProbeRoute(route)
                        : argument.Expression is not TypeOfExpressionSyntax && IsRoutingAttribute(attribute.Name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;

        static bool IsRoutingAttribute(NameSyntax name)
        {
            var text = name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            };
            if (text.EndsWith("Attribute", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - "Attribute".Length);
            }

            return text is "Route" or "AcceptVerbs" or "ActionName" or "Area" || text.StartsWith("Http", StringComparison.Ordinal);
        }
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
