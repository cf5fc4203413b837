using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The names of the assemblies a compilation references, read once per compilation for every rule: each rule used to
/// walk the few hundred references of a web app on its own at compilation start (whether it is test code, whether the
/// caching or Redis assembly is there).
/// </summary>
internal static class ReferencedAssemblies
{
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> PerCompilation = new();

    /// <summary>Whether an assembly of that name (compared ignoring case, as the loader does) is referenced.</summary>
    public static bool Contains(Compilation compilation, string assemblyName)
        => PerCompilation.GetValue(compilation, Read).Contains(assemblyName);

    /// <summary>Whether any of the names is referenced.</summary>
    public static bool ContainsAny(Compilation compilation, IEnumerable<string> assemblyNames)
    {
        var names = PerCompilation.GetValue(compilation, Read);
        foreach (var name in assemblyNames)
        {
            if (names.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Read(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            names.Add(identity.Name);
        }

        return names;
    }
}
