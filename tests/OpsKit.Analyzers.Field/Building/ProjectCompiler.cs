using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OpsKit.Analyzers.Field.Projects;

namespace OpsKit.Analyzers.Field.Building;

/// <summary>
/// Compiles projects the way an IDE sees them: the project's sources and generated global usings, the .NET 10
/// reference packs (plus ASP.NET Core where the SDK or a framework reference brings it), referenced projects as
/// compilation references (compiled first, transitively), and in restored mode the restored packages' compile assets.
/// Parsed files and compiled projects are cached until <see cref="Clear"/>.
/// </summary>
internal sealed class ProjectCompiler(PackageRestorer restorer, ImmutableDictionary<string, ReportDiagnostic> forcedDiagnostics)
{
    private readonly Dictionary<string, ProjectInfo> infos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyntaxTree> trees = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Path, CompileMode Mode), CompiledProject?> compiled = [];
    private RestoreResult repositoryRestore = RestoreResult.Empty;

    public ProjectInfo Info(string path)
    {
        if (!infos.TryGetValue(path, out var info))
        {
            info = ProjectEvaluator.Evaluate(path);
            infos[path] = info;
        }

        return info;
    }

    public void Clear()
    {
        infos.Clear();
        trees.Clear();
        compiled.Clear();
        repositoryRestore = RestoreResult.Empty;
    }

    /// <summary>
    /// Restores the packages of every given project and the projects they reference in one go (one restore per
    /// repository; where two projects ask for different versions of a package, the highest wins, as central package
    /// management would have it). Each project then compiles against its own packages' part of the graph.
    /// </summary>
    public RestoreResult RestoreRepository(IEnumerable<string> projectPaths)
    {
        var packages = projectPaths.SelectMany(p => Closure(Info(p))).DistinctBy(p => p.FullPath)
            .SelectMany(p => p.Packages)
            .Where(p => !IsFrameworkPackage(p.Id))
            .GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(p => p.Version ?? string.Empty, Comparer<string>.Create(MsBuildExpressions.CompareVersions)).First())
            .ToList();
        repositoryRestore = packages.Count == 0 ? RestoreResult.Empty : restorer.Restore(packages);
        return repositoryRestore;
    }

    public CompiledProject Compile(string path, CompileMode mode) => Compile(path, mode, [])
        ?? throw new InvalidOperationException($"{path} references itself.");

    private CompiledProject? Compile(string path, CompileMode mode, HashSet<string> inProgress)
    {
        if (compiled.TryGetValue((path, mode), out var done))
        {
            return done;
        }

        if (!inProgress.Add(path))
        {
            return null;
        }

        var project = Info(path);
        var broken = new List<string>();
        var projectReferences = new List<MetadataReference>();
        foreach (var reference in Closure(project).Skip(1))
        {
            var referenced = Compile(reference.FullPath, mode, inProgress);
            if (referenced is null)
            {
                broken.Add(reference.FullPath);
                continue;
            }

            projectReferences.Add(referenced.Compilation.ToMetadataReference());
        }

        ProjectRestore? restore = null;
        var needsAspNetCore = Closure(project).Any(p => p.NeedsAspNetCore);
        var references = new List<MetadataReference>(MetadataCache.NetCore);
        var packageReferences = new List<string>();
        if (mode == CompileMode.Restored)
        {
            var ids = Closure(project).SelectMany(p => p.Packages).Select(p => p.Id).Where(id => !IsFrameworkPackage(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var (assemblies, aspNetCore) = repositoryRestore.For(ids);
            needsAspNetCore |= aspNetCore;
            packageReferences.AddRange(assemblies);
            var restored = repositoryRestore.Restored.Select(r => r.Split(' ')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            restore = new ProjectRestore(
                ids.Count,
                [.. ids.Where(restored.Contains)],
                [.. repositoryRestore.Dropped.Where(d => ids.Contains(d.Split(' ')[0], StringComparer.OrdinalIgnoreCase))],
                repositoryRestore.Failure);
        }

        if (needsAspNetCore)
        {
            references.AddRange(MetadataCache.AspNetCore);
        }

        // The SDK's conflict resolution: a package assembly that the framework also ships loses to the framework's.
        var frameworkNames = references.OfType<PortableExecutableReference>().Select(r => Path.GetFileNameWithoutExtension(r.FilePath)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var file in packageReferences.Concat(project.AssemblyReferences).DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase))
        {
            if (!frameworkNames.Contains(Path.GetFileNameWithoutExtension(file)))
            {
                references.Add(MetadataCache.Get(file));
            }
        }

        references.AddRange(projectReferences);
        var parseOptions = ParseOptions(project);
        var syntaxTrees = project.CompileFiles.Select(f => Tree(f, parseOptions)).ToList();
        if (ImplicitUsings.Source(project) is { } globalUsings)
        {
            syntaxTrees.Add(CSharpSyntaxTree.ParseText(SourceText.From(globalUsings), parseOptions, Path.Combine(project.Directory, "obj", "GlobalUsings.g.cs")));
        }

        var compilation = CSharpCompilation.Create(project.AssemblyName, syntaxTrees, references, CompilationOptions(project));
        var result = new CompiledProject
        {
            Project = project,
            Mode = mode,
            Compilation = compilation,
            AnalyzerOptions = new AnalyzerOptions([], new GlobalAnalyzerOptions(GlobalOptions(project))),
            Restore = restore,
            BrokenReferences = broken,
        };
        inProgress.Remove(path);
        compiled[(path, mode)] = result;
        return result;
    }

    /// <summary>The project and every project it references, directly or not (ProjectReference is transitive), depth first.</summary>
    private List<ProjectInfo> Closure(ProjectInfo project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<ProjectInfo>();
        void Visit(ProjectInfo p)
        {
            if (!seen.Add(p.FullPath))
            {
                return;
            }

            order.Add(p);
            foreach (var reference in p.ProjectReferences)
            {
                Visit(Info(reference));
            }
        }

        Visit(project);
        return order;
    }

    private SyntaxTree Tree(string file, CSharpParseOptions options)
    {
        var key = file + "|" + options.LanguageVersion + "|" + string.Join(';', options.PreprocessorSymbolNames);
        if (!trees.TryGetValue(key, out var tree))
        {
            using var stream = File.OpenRead(file);
            tree = CSharpSyntaxTree.ParseText(SourceText.From(stream), options, file);
            trees[key] = tree;
        }

        return tree;
    }

    private static bool IsFrameworkPackage(string id)
        => id.Equals("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase)
        || id.Equals("Microsoft.AspNetCore.All", StringComparison.OrdinalIgnoreCase)
        || id.Equals("Microsoft.NETCore.App", StringComparison.OrdinalIgnoreCase)
        || id.Equals("NETStandard.Library", StringComparison.OrdinalIgnoreCase);

    private static CSharpParseOptions ParseOptions(ProjectInfo project)
    {
        var version = LanguageVersion.Latest;
        var text = project.LangVersion;
        if (text.Equals("preview", StringComparison.OrdinalIgnoreCase))
        {
            version = LanguageVersion.Preview;
        }
        else if (text.Length > 0 && LanguageVersionFacts.TryParse(text, out var parsed))
        {
            version = parsed.MapSpecifiedToEffectiveVersion();
        }

        return new CSharpParseOptions(version, DocumentationMode.Parse, SourceCodeKind.Regular, project.DefineConstants);
    }

    private CSharpCompilationOptions CompilationOptions(ProjectInfo project)
    {
        // Test projects get their entry point from Microsoft.NET.Test.Sdk's generated Program: compile them as libraries.
        var kind = project.IsTestProject ? OutputKind.DynamicallyLinkedLibrary
            : project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication
            : project.OutputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase) ? OutputKind.WindowsApplication
            : OutputKind.DynamicallyLinkedLibrary;
        var nullable = project.Nullable.ToUpperInvariant() switch
        {
            "ENABLE" => NullableContextOptions.Enable,
            "WARNINGS" => NullableContextOptions.Warnings,
            "ANNOTATIONS" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
        return new CSharpCompilationOptions(
            kind,
            nullableContextOptions: nullable,
            allowUnsafe: project.AllowUnsafeBlocks,
            specificDiagnosticOptions: forcedDiagnostics);
    }

    /// <summary>build_property.* as the SDK passes them (its own CompilerVisibleProperty items plus OpsKit's props).</summary>
    private static ImmutableDictionary<string, string> GlobalOptions(ProjectInfo project)
    {
        string Property(string name) => project.Properties.TryGetValue(name, out var value) ? value : string.Empty;
        var values = new Dictionary<string, string>
        {
            ["TargetFramework"] = project.TargetFramework,
            ["TargetFrameworkIdentifier"] = TargetFrameworks.Identifier(project.TargetFramework),
            ["TargetPlatformMinimumVersion"] = Property("TargetPlatformMinimumVersion"),
            ["UsingMicrosoftNETSdkWeb"] = project.IsWebSdk ? "true" : string.Empty,
            ["OutputType"] = project.OutputType,
            ["IsTestProject"] = project.IsTestProject ? "true" : string.Empty,
            ["RootNamespace"] = Property("RootNamespace") is { Length: > 0 } ns ? ns : Path.GetFileNameWithoutExtension(project.FullPath),
            ["ProjectDir"] = project.Directory + "/",
            ["MSBuildProjectFullPath"] = project.FullPath,
            ["InvariantGlobalization"] = Property("InvariantGlobalization"),
            ["PlatformNeutralAssembly"] = string.Empty,
            ["EnforceExtendedAnalyzerRules"] = Property("EnforceExtendedAnalyzerRules"),
            ["_SupportedPlatformList"] = "Linux,macOS,Windows",
        };
        var builder = ImmutableDictionary.CreateBuilder<string, string>(AnalyzerConfigOptions.KeyComparer);
        builder["is_global"] = "true";
        foreach (var (name, value) in values)
        {
            builder["build_property." + name] = value;
        }

        return builder.ToImmutable();
    }
}
