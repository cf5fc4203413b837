using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Field.Building;

/// <summary>
/// One <see cref="MetadataReference"/> per assembly file for the whole run, so every compilation shares the loaded
/// metadata (the reference packs alone are ~200 assemblies), and the installed .NET 10 reference packs.
/// </summary>
internal static class MetadataCache
{
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyNetCore = new(() => FromPack("Microsoft.NETCore.App.Ref"));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyAspNetCore = new(() => FromPack("Microsoft.AspNetCore.App.Ref"));

    public static IReadOnlyList<MetadataReference> NetCore => LazyNetCore.Value;

    public static IReadOnlyList<MetadataReference> AspNetCore => LazyAspNetCore.Value;

    public static MetadataReference Get(string path) => ByPath.GetOrAdd(path, static p => MetadataReference.CreateFromFile(p));

    public static string DotnetRoot
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root) && Directory.Exists(Path.Combine(root, "packs")))
            {
                return root;
            }

            // shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        }
    }

    private static IReadOnlyList<MetadataReference> FromPack(string pack)
    {
        var packRoot = Path.Combine(DotnetRoot, "packs", pack);
        var version = Directory.GetDirectories(packRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(v => v.StartsWith("10.", StringComparison.Ordinal))
            .OrderByDescending(v => Version.TryParse(v.Split('-')[0], out var parsed) ? parsed : new Version(0, 0))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No .NET 10 {pack} under {packRoot}.");
        var directory = Path.Combine(packRoot, version, "ref", "net10.0");
        return [.. Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal).Select(Get)];
    }
}
