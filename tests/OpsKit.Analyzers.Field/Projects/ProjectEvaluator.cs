using System.Xml.Linq;

namespace OpsKit.Analyzers.Field.Projects;

/// <summary>
/// Reads a project file the way MSBuild's evaluation would for the parts that decide a compilation: properties
/// first (Directory.Build.props, Directory.Packages.props, the project, Directory.Build.targets, and the files they
/// import), then items with the final properties. SDK targets are not run; their effect on the compilation
/// (implicit usings, default Compile glob, OutputType of the Web/Worker SDKs, test SDK properties) is reproduced.
/// </summary>
internal static class ProjectEvaluator
{
    private static readonly string[] TrackedItems = ["PackageReference", "PackageVersion", "GlobalPackageReference", "ProjectReference", "FrameworkReference", "Using", "Compile", "Reference"];

    private static readonly string[] TestPackages = ["Microsoft.NET.Test.Sdk", "MSTest", "MSTest.Sdk", "xunit.v3", "xunit.v3.core", "TUnit", "TUnit.Engine"];

    public static ProjectInfo Evaluate(string projectPath)
    {
        projectPath = Path.GetFullPath(projectPath);
        var first = Run(projectPath, targetFramework: null);
        var frameworks = Value(first.Properties, "TargetFrameworks");
        var single = Value(first.Properties, "TargetFramework");
        var chosen = TargetFrameworks.Choose(frameworks.Length > 0 ? frameworks.Split(';') : [single]);
        var state = frameworks.Length > 0 || single.Length == 0 ? Run(projectPath, chosen) : first;
        return Build(projectPath, state, chosen);
    }

    private static EvaluationState Run(string projectPath, string? targetFramework)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        var state = new EvaluationState(projectPath);
        var properties = state.Properties;
        properties["MSBuildProjectDirectory"] = directory;
        properties["MSBuildProjectFullPath"] = projectPath;
        properties["MSBuildProjectFile"] = Path.GetFileName(projectPath);
        properties["MSBuildProjectName"] = Path.GetFileNameWithoutExtension(projectPath);
        properties["MSBuildProjectExtension"] = Path.GetExtension(projectPath);
        properties["Configuration"] = "Debug";
        properties["Platform"] = "AnyCPU";
        properties["DefineConstants"] = "DEBUG;TRACE";
        properties["MSBuildRuntimeType"] = "Core";
        properties["BaseIntermediateOutputPath"] = "obj/";
        properties["BaseOutputPath"] = "bin/";
        if (targetFramework is not null)
        {
            properties["TargetFramework"] = targetFramework;
            state.GlobalProperties.Add("TargetFramework");
        }

        // The SDK names come from the project file itself and decide the defaults the SDK props set before it.
        var sdks = SdkNames(projectPath);
        state.Sdks.AddRange(sdks);
        if (sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)))
        {
            properties["UsingMicrosoftNETSdkWeb"] = "true";
            properties["OutputType"] = "Exe";
        }

        if (sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase)))
        {
            properties["UsingMicrosoftNETSdkWorker"] = "true";
            properties["OutputType"] = "Exe";
        }

        if (sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase)))
        {
            properties["UsingMicrosoftNETSdkRazor"] = "true";
        }

        if (sdks.Any(s => s.StartsWith("Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase)))
        {
            properties["IsAspireHost"] = "true";
            properties["OutputType"] = "Exe";
        }

        if (sdks.Any(s => s.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase)))
        {
            properties["IsTestProject"] = "true";
            properties["OutputType"] = "Exe";
        }

        var files = new List<string>();
        var buildProps = FindAbove("Directory.Build.props", directory);
        if (buildProps is not null)
        {
            files.Add(buildProps);
        }

        var packagesProps = FindAbove("Directory.Packages.props", directory);
        if (packagesProps is not null)
        {
            files.Add(packagesProps);
        }

        files.Add(projectPath);
        var buildTargets = FindAbove("Directory.Build.targets", directory);
        if (buildTargets is not null)
        {
            files.Add(buildTargets);
        }

        foreach (var file in files)
        {
            Walk(state, file, itemsPass: false, depth: 0);
        }

        state.Visited.Clear();
        foreach (var file in files)
        {
            Walk(state, file, itemsPass: true, depth: 0);
        }

        return state;
    }

    private static void Walk(EvaluationState state, string file, bool itemsPass, int depth)
    {
        if (depth > 12 || !state.Visited.Add(file + "|" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return;
        }

        XElement root;
        try
        {
            root = XDocument.Load(file).Root!;
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            state.Warnings.Add($"cannot read {file}: {ex.Message}");
            return;
        }

        var properties = state.Properties;
        var savedThis = (Value(properties, "MSBuildThisFileDirectory"), Value(properties, "MSBuildThisFile"), Value(properties, "MSBuildThisFileFullPath"));
        var thisDirectory = Path.GetDirectoryName(file)! + "/";
        properties["MSBuildThisFileDirectory"] = thisDirectory;
        properties["MSBuildThisFile"] = Path.GetFileName(file);
        properties["MSBuildThisFileFullPath"] = file;
        try
        {
            WalkChildren(state, root, thisDirectory, itemsPass, depth);
        }
        finally
        {
            properties["MSBuildThisFileDirectory"] = savedThis.Item1;
            properties["MSBuildThisFile"] = savedThis.Item2;
            properties["MSBuildThisFileFullPath"] = savedThis.Item3;
        }
    }

    private static void WalkChildren(EvaluationState state, XElement parent, string thisDirectory, bool itemsPass, int depth)
    {
        var properties = state.Properties;
        foreach (var element in parent.Elements())
        {
            var name = element.Name.LocalName;
            var condition = (string?)element.Attribute("Condition");
            switch (name)
            {
                case "PropertyGroup" when !itemsPass:
                    if (!MsBuildExpressions.Condition(condition, properties, thisDirectory))
                    {
                        break;
                    }

                    foreach (var property in element.Elements())
                    {
                        var propertyName = property.Name.LocalName;
                        if (state.GlobalProperties.Contains(propertyName)
                            || !MsBuildExpressions.Condition((string?)property.Attribute("Condition"), properties, thisDirectory))
                        {
                            continue;
                        }

                        properties[propertyName] = MsBuildExpressions.Expand(property.Value.Trim(), properties, thisDirectory);
                    }

                    break;
                case "ItemGroup" when itemsPass:
                    if (!MsBuildExpressions.Condition(condition, properties, thisDirectory))
                    {
                        break;
                    }

                    foreach (var item in element.Elements())
                    {
                        if (TrackedItems.Contains(item.Name.LocalName, StringComparer.Ordinal)
                            && MsBuildExpressions.Condition((string?)item.Attribute("Condition"), properties, thisDirectory))
                        {
                            ApplyItem(state, item, thisDirectory);
                        }
                    }

                    break;
                case "Import":
                    if (!MsBuildExpressions.Condition(condition, properties, thisDirectory))
                    {
                        break;
                    }

                    if (element.Attribute("Sdk") is { } sdk)
                    {
                        if (!itemsPass && !state.Sdks.Contains(sdk.Value, StringComparer.OrdinalIgnoreCase))
                        {
                            state.Sdks.Add(sdk.Value);
                        }

                        break;
                    }

                    var project = MsBuildExpressions.Expand((string?)element.Attribute("Project") ?? string.Empty, properties, thisDirectory).Replace('\\', '/');
                    foreach (var imported in ImportedFiles(project, thisDirectory))
                    {
                        Walk(state, imported, itemsPass, depth + 1);
                    }

                    break;
                case "Choose":
                    var chosen = element.Elements().FirstOrDefault(e => e.Name.LocalName == "When" && MsBuildExpressions.Condition((string?)e.Attribute("Condition"), properties, thisDirectory))
                        ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == "Otherwise");
                    if (chosen is not null)
                    {
                        WalkChildren(state, chosen, thisDirectory, itemsPass, depth);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<string> ImportedFiles(string project, string thisDirectory)
    {
        if (project.Length == 0)
        {
            return [];
        }

        var full = Path.IsPathRooted(project) ? project : Path.Combine(thisDirectory, project);
        if (full.Contains('*', StringComparison.Ordinal))
        {
            return Globs.Expand(full).Order(StringComparer.Ordinal);
        }

        full = Path.GetFullPath(full);
        return File.Exists(full) ? [full] : [];
    }

    private static void ApplyItem(EvaluationState state, XElement element, string thisDirectory)
    {
        var properties = state.Properties;
        var type = element.Name.LocalName;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in element.Attributes())
        {
            metadata[attribute.Name.LocalName] = MsBuildExpressions.Expand(attribute.Value, properties, thisDirectory);
        }

        foreach (var child in element.Elements())
        {
            metadata[child.Name.LocalName] = MsBuildExpressions.Expand(child.Value.Trim(), properties, thisDirectory);
        }

        var list = state.Items;
        if (metadata.TryGetValue("Include", out var include))
        {
            foreach (var part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                list.Add(new RawItem(type, part, new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase)));
            }
        }
        else if (metadata.TryGetValue("Remove", out var remove))
        {
            var removed = remove.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (type == "Compile")
            {
                state.CompileRemoves.AddRange(removed);
            }
            else if (type == "Using")
            {
                state.UsingRemoves.AddRange(removed);
            }

            list.RemoveAll(i => i.Type == type && removed.Contains(i.Include, StringComparer.OrdinalIgnoreCase));
        }
        else if (metadata.TryGetValue("Update", out var update))
        {
            foreach (var item in list.Where(i => i.Type == type && string.Equals(i.Include, update, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var (key, value) in metadata)
                {
                    if (key != "Update")
                    {
                        item.Metadata[key] = value;
                    }
                }
            }
        }
    }

    private static ProjectInfo Build(string projectPath, EvaluationState state, string targetFramework)
    {
        var properties = state.Properties;
        var directory = Path.GetDirectoryName(projectPath)!;
        var items = state.Items;
        bool IsTrue(string name) => Value(properties, name).Equals("true", StringComparison.OrdinalIgnoreCase);

        var centralVersions = items.Where(i => i.Type == "PackageVersion")
            .GroupBy(i => i.Include, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Metadata.GetValueOrDefault("Version"), StringComparer.OrdinalIgnoreCase);
        var packages = items.Where(i => i.Type is "PackageReference" or "GlobalPackageReference")
            .GroupBy(i => i.Include, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var item = g.Last();
                var version = item.Metadata.GetValueOrDefault("VersionOverride") ?? item.Metadata.GetValueOrDefault("Version") ?? centralVersions.GetValueOrDefault(item.Include);
                return new PackageItem(item.Include, string.IsNullOrWhiteSpace(version) ? null : version.Trim());
            })
            .ToList();

        var isTest = IsTrue("IsTestProject") || packages.Any(p => TestPackages.Contains(p.Id, StringComparer.OrdinalIgnoreCase));
        var outputType = Value(properties, "OutputType");
        if (outputType.Length == 0)
        {
            outputType = isTest ? "Exe" : "Library";
        }

        var frameworkReferences = items.Where(i => i.Type == "FrameworkReference").Select(i => i.Include).ToList();
        var isWeb = IsTrue("UsingMicrosoftNETSdkWeb");
        var needsAspNetCore = isWeb
            || frameworkReferences.Any(f => f.Equals("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase))
            || state.Sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase) || s.Equals("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.OrdinalIgnoreCase));

        var usings = new List<UsingItem>();
        foreach (var item in items.Where(i => i.Type == "Using"))
        {
            usings.Add(new UsingItem(item.Include, item.Metadata.GetValueOrDefault("Alias"), item.Metadata.GetValueOrDefault("Static")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true));
        }

        var defines = Value(properties, "DefineConstants").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(TargetFrameworks.PreprocessorSymbols(targetFramework))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var projectReferences = new List<string>();
        foreach (var item in items.Where(i => i.Type == "ProjectReference"))
        {
            var path = Path.GetFullPath(Path.Combine(directory, item.Include.Replace('\\', '/')));
            if (File.Exists(path))
            {
                projectReferences.Add(path);
            }
            else
            {
                state.Warnings.Add($"ProjectReference not found: {item.Include}");
            }
        }

        var assemblyReferences = items.Where(i => i.Type == "Reference" && i.Metadata.TryGetValue("HintPath", out _))
            .Select(i => Path.GetFullPath(Path.Combine(directory, i.Metadata["HintPath"].Replace('\\', '/'))))
            .Where(File.Exists)
            .ToList();

        return new ProjectInfo
        {
            FullPath = projectPath,
            AssemblyName = Value(properties, "AssemblyName") is { Length: > 0 } name ? name : Path.GetFileNameWithoutExtension(projectPath),
            Sdks = [.. state.Sdks],
            TargetFramework = targetFramework,
            OutputType = outputType,
            IsWebSdk = isWeb,
            IsTestProject = isTest,
            NeedsAspNetCore = needsAspNetCore,
            ImplicitUsings = Value(properties, "ImplicitUsings") is var implicitUsings && (implicitUsings.Equals("enable", StringComparison.OrdinalIgnoreCase) || implicitUsings.Equals("true", StringComparison.OrdinalIgnoreCase)),
            Nullable = Value(properties, "Nullable"),
            LangVersion = Value(properties, "LangVersion"),
            AllowUnsafeBlocks = IsTrue("AllowUnsafeBlocks"),
            DefineConstants = defines,
            Usings = usings,
            RemovedUsings = [.. state.UsingRemoves],
            CompileFiles = CompileFiles(directory, state),
            ProjectReferences = projectReferences.Distinct(StringComparer.Ordinal).ToList(),
            Packages = packages,
            AssemblyReferences = assemblyReferences,
            Properties = new Dictionary<string, string>(properties, StringComparer.OrdinalIgnoreCase),
            Warnings = state.Warnings,
        };
    }

    private static List<string> CompileFiles(string directory, EvaluationState state)
    {
        var properties = state.Properties;
        var files = new List<string>();
        var defaults = !Value(properties, "EnableDefaultItems").Equals("false", StringComparison.OrdinalIgnoreCase)
            && !Value(properties, "EnableDefaultCompileItems").Equals("false", StringComparison.OrdinalIgnoreCase);
        if (defaults)
        {
            files.AddRange(DefaultSourceFiles(directory));
        }

        foreach (var item in state.Items.Where(i => i.Type == "Compile"))
        {
            var pattern = item.Include.Replace('\\', '/');
            var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(directory, pattern);
            files.AddRange(full.Contains('*', StringComparison.Ordinal) ? Globs.Expand(full) : File.Exists(full) ? [Path.GetFullPath(full)] : []);
        }

        foreach (var remove in state.CompileRemoves)
        {
            var pattern = remove.Replace('\\', '/');
            var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(directory, pattern);
            var matcher = Globs.ToRegex(Path.GetFullPath(full.Replace("**", "\u0001", StringComparison.Ordinal)).Replace("\u0001", "**", StringComparison.Ordinal));
            files.RemoveAll(f => matcher.IsMatch(f));
        }

        return files.Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>**/*.cs under the project directory, without bin/obj, hidden folders and folders of other projects.</summary>
    private static IEnumerable<string> DefaultSourceFiles(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.cs"))
            {
                yield return file;
            }

            foreach (var child in System.IO.Directory.EnumerateDirectories(directory))
            {
                var name = Path.GetFileName(child);
                if (name is "bin" or "obj" or "node_modules" || name.StartsWith('.'))
                {
                    continue;
                }

                if (System.IO.Directory.EnumerateFiles(child, "*.csproj").Any())
                {
                    continue;
                }

                pending.Push(child);
            }
        }
    }

    private static List<string> SdkNames(string projectPath)
    {
        var names = new List<string>();
        try
        {
            var root = XDocument.Load(projectPath).Root!;
            if ((string?)root.Attribute("Sdk") is { } sdk)
            {
                names.AddRange(sdk.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Split('/')[0]));
            }

            names.AddRange(root.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => (string?)e.Attribute("Name")).OfType<string>());
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or IOException)
        {
            // Reported when the project is walked.
        }

        return names;
    }

    private static string? FindAbove(string fileName, string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Value(IReadOnlyDictionary<string, string> properties, string name)
        => properties.TryGetValue(name, out var value) ? value.Trim() : string.Empty;

    private sealed record RawItem(string Type, string Include, Dictionary<string, string> Metadata);

    private sealed class EvaluationState(string projectPath)
    {
        public string ProjectPath { get; } = projectPath;

        public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> GlobalProperties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<RawItem> Items { get; } = [];

        public List<string> CompileRemoves { get; } = [];

        public List<string> UsingRemoves { get; } = [];

        public List<string> Sdks { get; } = [];

        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

        public List<string> Warnings { get; } = [];
    }
}
