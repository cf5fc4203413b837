using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OpsKit.Analyzers.Field.Projects;

namespace OpsKit.Analyzers.Field.Building;

/// <summary>
/// Resolves a project's packages on this machine: a synthetic net10.0 project with the same package ids is
/// restored under the cache directory (keyed by the package set), ids that do not restore are retried with a
/// floating version and then dropped, and the compile-time assemblies are read from project.assets.json.
/// </summary>
internal sealed partial class PackageRestorer(string cacheDirectory, TextWriter log)
{
    private const int MaxAttempts = 8;
    private readonly Dictionary<string, RestoreResult> results = new(StringComparer.Ordinal);

    public RestoreResult Restore(IReadOnlyCollection<PackageItem> packages)
    {
        var requested = packages
            .GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (requested.Count == 0)
        {
            return RestoreResult.Empty;
        }

        var key = Key(requested);
        if (results.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var directory = Path.Combine(cacheDirectory, "restore", key);
        var resultFile = Path.Combine(directory, "result.json");
        if (File.Exists(resultFile))
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(resultFile), FieldJsonContext.Default.RestoreResult);
            // A failed restore is retried: the attempt may have been made by an older runner that gave up sooner.
            if (stored?.Packages is not null && stored.Failure is null && stored.Packages.SelectMany(p => p.References).All(File.Exists))
            {
                results[key] = stored;
                return stored;
            }
        }

        // Several runners (one per helper) share the cache: one restores a package set, the others wait for its result.
        using var gate = AcquireLock(directory + ".lock");
        if (File.Exists(resultFile) && JsonSerializer.Deserialize(File.ReadAllText(resultFile), FieldJsonContext.Default.RestoreResult) is { Packages: not null, Failure: null } restoredMeanwhile)
        {
            results[key] = restoredMeanwhile;
            return restoredMeanwhile;
        }

        var result = RestoreFresh(directory, requested);
        Directory.CreateDirectory(directory);
        File.WriteAllText(resultFile + ".tmp", JsonSerializer.Serialize(result, FieldJsonContext.Default.RestoreResult));
        File.Move(resultFile + ".tmp", resultFile, overwrite: true);
        results[key] = result;
        return result;
    }

    // A named mutex is shared by every process on the machine and its wait blocks without polling; a runner that
    // crashed while holding it leaves it abandoned, which hands it to the next waiter.
    private CrossProcessLock AcquireLock(string path)
    {
        var name = "opskit-field-restore-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..32];
        var mutex = new Mutex(initiallyOwned: false, name);
        try
        {
            if (!mutex.WaitOne(0))
            {
                log.WriteLine("  waiting for another runner restoring the same packages");
                if (!mutex.WaitOne(TimeSpan.FromMinutes(10)))
                {
                    throw new TimeoutException($"Another runner has held the restore of {path} for 10 minutes.");
                }
            }
        }
        catch (AbandonedMutexException)
        {
        }
        catch
        {
            mutex.Dispose();
            throw;
        }

        return new CrossProcessLock(mutex);
    }

    private sealed class CrossProcessLock(Mutex mutex) : IDisposable
    {
        public void Dispose()
        {
            mutex.ReleaseMutex();
            mutex.Dispose();
        }
    }

    private RestoreResult RestoreFresh(string directory, List<PackageItem> requested)
    {
        PrepareCacheRoot();
        Directory.CreateDirectory(directory);
        var current = requested.ToDictionary(p => p.Id, p => Normalize(p.Version), StringComparer.OrdinalIgnoreCase);
        var dropped = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            WriteProject(directory, current);
            var (exitCode, output) = RunRestore(directory);
            if (exitCode == 0)
            {
                var packages = ReadAssets(Path.Combine(directory, "obj", "project.assets.json"));
                log.WriteLine($"  restored {current.Count} package(s), dropped {dropped.Count} in {stopwatch.Elapsed.TotalSeconds:F0} s");
                return new RestoreResult(
                    current.Where(p => requested.Any(r => r.Id.Equals(p.Key, StringComparison.OrdinalIgnoreCase))).Select(p => p.Key + " " + p.Value).ToList(),
                    dropped,
                    packages,
                    Failure: null);
            }

            var changed = false;
            var handled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var parents = DirectAncestors(Path.Combine(directory, "obj", "project.assets.json"), current.Keys);
            foreach (Match match in ErrorLine().Matches(output))
            {
                var code = match.Groups["code"].Value;
                var message = match.Groups["message"].Value;
                var id = PackageIdIn(message, current.Keys);
                if (id is null)
                {
                    var transitive = TransitiveId().Match(message);
                    var missing = transitive.Success ? transitive.Groups["id"].Value.TrimEnd('.') : null;
                    if (code is "NU1102" or "NU1103" && missing is not null && !current.ContainsKey(missing))
                    {
                        // A transitive dependency whose lower bound is not served: ask for it directly, at any version.
                        current[missing] = "*";
                        changed = true;
                    }
                    else if (missing is not null && parents.TryGetValue(missing, out var owners))
                    {
                        // Not served at all: drop the direct packages that need it.
                        foreach (var owner in owners.Where(current.ContainsKey).ToList())
                        {
                            current.Remove(owner);
                            dropped.Add($"{owner} (needs {missing}: {code})");
                            changed = true;
                        }
                    }

                    continue;
                }

                if (!handled.Add(id))
                {
                    continue;
                }

                var version = current[id];
                if (code is "NU1102" or "NU1103" or "NU1605" or "NU1107" or "NU1608" && version != "*" && version != "*-*")
                {
                    current[id] = code == "NU1103" ? "*-*" : "*";
                }
                else if (code == "NU1102" && version == "*")
                {
                    current[id] = "*-*";
                }
                else
                {
                    current.Remove(id);
                    dropped.Add($"{id} ({code})");
                }

                changed = true;
            }

            if (!changed)
            {
                var firstError = ErrorLine().Match(output);
                var failure = firstError.Success ? firstError.Value.Trim() : output.Trim().Split('\n').LastOrDefault() ?? "restore failed";
                log.WriteLine($"  restore failed: {failure}");
                return new RestoreResult([], [.. requested.Select(p => p.Id)], [], failure);
            }
        }

        return new RestoreResult([], [.. requested.Select(p => p.Id)], [], $"no restorable set after {MaxAttempts} attempts");
    }

    private void PrepareCacheRoot()
    {
        // Stop MSBuild and NuGet from walking up into whatever lies above the cache.
        Directory.CreateDirectory(cacheDirectory);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            var path = Path.Combine(cacheDirectory, file);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, "<Project />\n");
            }
        }
    }

    private static void WriteProject(string directory, Dictionary<string, string> packages)
    {
        var project = new XElement(
            "Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement(
                "PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("EnableDefaultItems", "false"),
                new XElement("NuGetAudit", "false"),
                new XElement("TreatWarningsAsErrors", "false"),
                new XElement("WarningsAsErrors", string.Empty),
                new XElement("ManagePackageVersionsCentrally", "false"),
                new XElement("NoWarn", "NU1603;NU1604;NU1605;NU1608;NU1701;NU1504;NU1900;NU1901;NU1902;NU1903;NU1904")),
            new XElement(
                "ItemGroup",
                packages.Select(p => new XElement("PackageReference", new XAttribute("Include", p.Key), new XAttribute("Version", p.Value)))));
        File.WriteAllText(Path.Combine(directory, "field.csproj"), project.ToString());
    }

    private static (int ExitCode, string Output) RunRestore(string directory)
    {
        var start = new ProcessStartInfo("dotnet", ["restore", "field.csproj", "-v:q", "-nologo"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static List<RestoredPackage> ReadAssets(string assetsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(assetsPath));
        var root = document.RootElement;
        var packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var libraries = root.GetProperty("libraries");
        var target = root.GetProperty("targets").EnumerateObject().First().Value;
        var packages = new List<RestoredPackage>();
        foreach (var library in target.EnumerateObject())
        {
            if (library.Value.TryGetProperty("type", out var type) && type.GetString() != "package")
            {
                continue;
            }

            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            var aspNetCore = library.Value.TryGetProperty("frameworkReferences", out var frameworks)
                && frameworks.EnumerateArray().Any(f => f.GetString() == "Microsoft.AspNetCore.App");
            var dependencies = library.Value.TryGetProperty("dependencies", out var deps) ? deps.EnumerateObject().Select(d => d.Name).ToList() : [];
            var references = new List<string>();
            if (library.Value.TryGetProperty("compile", out var compile))
            {
                var libraryPath = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
                foreach (var asset in compile.EnumerateObject())
                {
                    var path = Path.Combine(packageFolder, libraryPath, asset.Name);
                    if (asset.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
                    {
                        references.Add(path);
                    }
                }
            }

            packages.Add(new RestoredPackage(library.Name[..slash], library.Name[(slash + 1)..], references, dependencies, aspNetCore));
        }

        return packages;
    }

    /// <summary>For each package of a (possibly failed) restore's graph, the direct packages that pull it in.</summary>
    private static Dictionary<string, HashSet<string>> DirectAncestors(string assetsPath, IEnumerable<string> directIds)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(assetsPath))
        {
            return result;
        }

        var dependencies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assetsPath));
            foreach (var target in document.RootElement.GetProperty("targets").EnumerateObject())
            {
                foreach (var library in target.Value.EnumerateObject())
                {
                    var id = library.Name.Split('/')[0];
                    if (library.Value.TryGetProperty("dependencies", out var deps))
                    {
                        dependencies[id] = [.. deps.EnumerateObject().Select(d => d.Name)];
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return result;
        }

        foreach (var direct in directIds)
        {
            var pending = new Stack<string>([direct]);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (pending.Count > 0)
            {
                var id = pending.Pop();
                if (!seen.Add(id))
                {
                    continue;
                }

                if (!result.TryGetValue(id, out var owners))
                {
                    result[id] = owners = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                }

                owners.Add(direct);
                foreach (var dependency in dependencies.GetValueOrDefault(id) ?? [])
                {
                    pending.Push(dependency);
                }
            }
        }

        return result;
    }

    private static string? PackageIdIn(string message, IEnumerable<string> ids)
        => ids.OrderByDescending(id => id.Length).FirstOrDefault(id => Regex.IsMatch(message, $@"(?<![\w.\-]){Regex.Escape(id)}(?![\w\-]|\.\w)", RegexOptions.IgnoreCase));

    private static string Normalize(string? version)
    {
        if (string.IsNullOrWhiteSpace(version) || version.Contains("$(", StringComparison.Ordinal) || version.Contains('@', StringComparison.Ordinal))
        {
            return "*";
        }

        return version.Trim();
    }

    private static string Key(IEnumerable<PackageItem> packages)
    {
        // The first line versions the cache layout (result.json).
        var text = "field-restore v2\n" + string.Join('\n', packages.Select(p => p.Id.ToLowerInvariant() + " " + Normalize(p.Version)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
    }

    [GeneratedRegex(@"error (?<code>NU\d{4}): (?<message>[^\r\n]*)")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"Unable to find (?:a stable )?package (?<id>[\w.\-]+)")]
    private static partial Regex TransitiveId();
}
