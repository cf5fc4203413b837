using System;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

internal static class CompilationExtensions
{
    /// <summary>
    /// Resolves a type by metadata name and still finds it when several assemblies define it
    /// (GetTypeByMetadataName returns null then): the compilation's own copy wins, then a public one.
    /// </summary>
    public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string fullyQualifiedMetadataName)
    {
        var candidates = compilation.GetTypesByMetadataName(fullyQualifiedMetadataName);
        if (candidates.Length == 0)
        {
            return null;
        }

        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        INamedTypeSymbol? best = null;
        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
            {
                return candidate;
            }

            if (candidate.DeclaredAccessibility == Accessibility.Public)
            {
                if (best is not null)
                {
                    // Ambiguous: behave like the compiler would and pick none.
                    return null;
                }

                best = candidate;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether the compilation can see a type without a lookup across every reference (the first such lookup loads
    /// the namespaces of all of them): its own source declares it, or an assembly of one of the given names is referenced.
    /// </summary>
    public static bool MayContainType(this Compilation compilation, string fullyQualifiedMetadataName, params string[] assemblyNames)
    {
        return ReferencedAssemblies.ContainsAny(compilation, assemblyNames) || compilation.Assembly.GetTypeByMetadataName(fullyQualifiedMetadataName) is not null;
    }

    /// <summary>
    /// <see cref="GetBestTypeByMetadataName(Compilation, string)"/> that looks first in the compilation's own source and then in the
    /// referenced assembly that defines the type, so that no other reference's types are scanned. Only when that
    /// assembly is referenced but does not define the type (it forwards it elsewhere) is the whole compilation
    /// searched; a compilation that does not reference it at all does not have the type. The whole-compilation lookup
    /// is the expensive one: the first time a name is asked, every reference's namespaces are visited.
    /// </summary>
    public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string fullyQualifiedMetadataName, string assemblyName)
    {
        if (compilation.Assembly.GetTypeByMetadataName(fullyQualifiedMetadataName) is { } own)
        {
            return own;
        }

        var referenced = false;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Identity.Name != assemblyName)
            {
                continue;
            }

            referenced = true;
            if (assembly.GetTypeByMetadataName(fullyQualifiedMetadataName) is { DeclaredAccessibility: Accessibility.Public } type)
            {
                return type;
            }
        }

        return referenced ? compilation.GetBestTypeByMetadataName(fullyQualifiedMetadataName) : null;
    }

    /// <summary>
    /// <see cref="GetBestTypeByMetadataName(Compilation, string, string)"/> on first use: a type that only some code
    /// paths need is not looked up in compilations that never reach them.
    /// </summary>
    public static Lazy<INamedTypeSymbol?> GetBestTypeLazily(this Compilation compilation, string fullyQualifiedMetadataName, string assemblyName)
        => new(() => compilation.GetBestTypeByMetadataName(fullyQualifiedMetadataName, assemblyName), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// A type of the base class library, looked up only in the assemblies that define it: the .NET reference assembly
    /// named <paramref name="assemblyName"/>, else netstandard or the .NET Framework's mscorlib/System.Data. A lookup
    /// across every reference would load the namespaces of all of them.
    /// </summary>
    public static INamedTypeSymbol? GetFrameworkType(this Compilation compilation, string fullyQualifiedMetadataName, string assemblyName)
        => compilation.GetBestTypeByMetadataName(fullyQualifiedMetadataName, assemblyName)
            ?? compilation.GetBestTypeByMetadataName(fullyQualifiedMetadataName, "netstandard")
            ?? compilation.GetBestTypeByMetadataName(fullyQualifiedMetadataName, "mscorlib")
            ?? compilation.GetBestTypeByMetadataName(fullyQualifiedMetadataName, "System.Data");
}
