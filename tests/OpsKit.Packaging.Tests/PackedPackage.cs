using System.Collections.Concurrent;
using System.IO.Compression;
using System.Xml.Linq;

namespace OpsKit.Packaging.Tests;

/// <summary>One .nupkg from artifacts/packages: its entry names, its nuspec and the bytes of any entry.</summary>
internal sealed class PackedPackage
{
    private static readonly Lazy<IReadOnlyDictionary<string, PackedPackage>> LazyAll = new(LoadAll);
    private readonly ConcurrentDictionary<string, byte[]> _entryBytes = new(StringComparer.Ordinal);

    private PackedPackage(string path, IReadOnlyList<string> entries, XElement metadata, XElement nuspecRoot)
    {
        Path = path;
        Entries = entries;
        Metadata = metadata;
        NuspecRoot = nuspecRoot;
        Id = Element("id") ?? throw new InvalidOperationException($"{path}: the nuspec has no <id>.");
        Version = Element("version") ?? throw new InvalidOperationException($"{path}: the nuspec has no <version>.");
    }

    /// <summary>Every package in artifacts/packages, by package id (case-insensitive like NuGet ids).</summary>
    public static IReadOnlyDictionary<string, PackedPackage> All => LazyAll.Value;

    public string Path { get; }

    public string Id { get; }

    public string Version { get; }

    /// <summary>Full entry names as stored in the zip, with forward slashes.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public XElement Metadata { get; }

    public XElement NuspecRoot { get; }

    public static PackedPackage Get(string id) =>
        All.TryGetValue(id, out var package)
            ? package
            : throw new Xunit.Sdk.XunitException(
                $"There is no {id} package in {RepositoryLayout.PackagesDirectory} (found: {string.Join(", ", All.Keys.Order(StringComparer.Ordinal))}). Run ./build.sh pack first.");

    /// <summary>The text of a direct child of &lt;metadata&gt;, matched by local name whatever the nuspec schema version.</summary>
    public string? Element(string localName) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    public XElement? MetadataElement(string localName) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>Every &lt;dependency&gt; in every dependency group.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies =>
        MetadataElement("dependencies")?.Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string?)e.Attribute("id") ?? "", (string?)e.Attribute("version") ?? ""))
            .ToList() ?? [];

    public byte[] ReadEntry(string entryName) => _entryBytes.GetOrAdd(entryName, name =>
    {
        using var archive = ZipFile.OpenRead(Path);
        var entry = archive.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{Id}: no entry {name} in {Path}.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    private static IReadOnlyDictionary<string, PackedPackage> LoadAll()
    {
        var directory = RepositoryLayout.PackagesDirectory;
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.nupkg") : [];
        if (files.Length == 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"No .nupkg files in {directory}: run ./build.sh pack first (the tests read the packed packages and never pack themselves).");
        }

        var packages = new Dictionary<string, PackedPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var package = Open(file);
            if (!packages.TryAdd(package.Id, package))
            {
                throw new Xunit.Sdk.XunitException(
                    $"{directory} holds more than one {package.Id} package ({System.IO.Path.GetFileName(packages[package.Id].Path)}, {System.IO.Path.GetFileName(file)}); run ./build.sh pack to start from a clean folder.");
            }
        }

        return packages;
    }

    private static PackedPackage Open(string file)
    {
        using var archive = ZipFile.OpenRead(file);
        var entries = archive.Entries.Select(e => e.FullName).ToList();
        var nuspecs = archive.Entries.Where(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)).ToList();
        if (nuspecs.Count != 1)
        {
            throw new Xunit.Sdk.XunitException($"{file} must hold exactly one nuspec at its root, found {nuspecs.Count}.");
        }

        using var stream = nuspecs[0].Open();
        var document = XDocument.Load(stream);
        var root = document.Root ?? throw new Xunit.Sdk.XunitException($"{file}: empty nuspec.");
        var metadata = root.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")
            ?? throw new Xunit.Sdk.XunitException($"{file}: the nuspec has no <metadata>.");
        return new PackedPackage(file, entries, metadata, root);
    }
}
