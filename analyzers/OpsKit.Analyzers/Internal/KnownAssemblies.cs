using System;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Assemblies whose methods are known not to map health endpoints nor register health checks behind the
/// caller's back. Handing the app to a method anywhere else makes the endpoint rules stay silent.
/// </summary>
internal static class KnownAssemblies
{
    private static readonly string[] NeutralPrefixes =
    [
        "System",
        "mscorlib",
        "netstandard",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions",
        "Microsoft.Identity",
        "Microsoft.OpenApi",
        "Microsoft.EntityFrameworkCore",
        "Swashbuckle",
        "NSwag",
        "Scalar.AspNetCore",
        "Serilog",
        "OpenTelemetry",
        "Asp.Versioning",
    ];

    public static bool IsNeutral(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return false;
        }

        var name = assembly.Name;
        foreach (var prefix in NeutralPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && (name.Length == prefix.Length || name[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
