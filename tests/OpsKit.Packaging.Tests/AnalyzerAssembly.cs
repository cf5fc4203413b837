using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace OpsKit.Packaging.Tests;

/// <summary>Reads an analyzer DLL from a package with System.Reflection.Metadata, without loading it.</summary>
internal sealed class AnalyzerAssembly
{
    private AnalyzerAssembly(string name, IReadOnlyList<AssemblyName> references, IReadOnlySet<string> userStrings, Guid mvid)
    {
        Name = name;
        References = references;
        UserStrings = userStrings;
        Mvid = mvid;
    }

    public string Name { get; }

    public IReadOnlyList<AssemblyName> References { get; }

    /// <summary>The string literals the assembly's IL loads (#US heap): diagnostic ids end up here.</summary>
    public IReadOnlySet<string> UserStrings { get; }

    public Guid Mvid { get; }

    public static AnalyzerAssembly Read(PackedPackage package, string entryName)
    {
        using var pe = new PEReader(new MemoryStream(package.ReadEntry(entryName)));
        if (!pe.HasMetadata)
        {
            throw new Xunit.Sdk.XunitException($"{package.Id}: {entryName} is not a .NET assembly.");
        }

        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle).GetAssemblyName())
            .ToList();

        var userStrings = new HashSet<string>(StringComparer.Ordinal);
        if (reader.GetHeapSize(HeapIndex.UserString) > 0)
        {
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
            {
                userStrings.Add(reader.GetUserString(handle));
            }
        }

        var definition = reader.GetAssemblyDefinition();
        return new AnalyzerAssembly(reader.GetString(definition.Name), references, userStrings, reader.GetGuid(reader.GetModuleDefinition().Mvid));
    }
}
