using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>
/// Compiles code (a fix's output plus a scenario that exercises it) against the reference packs, loads it into a
/// collectible AssemblyLoadContext that resolves the real ASP.NET Core shared framework (Microsoft.Extensions.Caching.Memory,
/// DependencyInjection, Options…) of the running .NET, and calls <c>Scenario.Run()</c>. An exception thrown by the
/// scenario is rethrown as is, so a test can assert that the fixed code path runs, or that a broken one throws.
/// </summary>
public static class FixedCodeRunner
{
    public const string ScenarioFile = "/src/Scenario.cs";

    public static void Run(string source, string scenario, TestProject project)
    {
        var compilation = TestCompilation.Create(source, project with { AdditionalSources = [.. project.AdditionalSources, scenario] });
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new XunitException("The fixed code does not emit:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        var context = new SharedFrameworkLoadContext();
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var run = assembly.GetType("Scenario")?.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)
                ?? throw new XunitException("The scenario must declare public static class Scenario { public static void Run() }.");
            try
            {
                run.Invoke(null, null);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is { } inner)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Framework assemblies come from the default context; ASP.NET Core ones from its shared framework folder.</summary>
    private sealed class SharedFrameworkLoadContext() : AssemblyLoadContext("fixed-code", isCollectible: true)
    {
        private static readonly string AspNetCoreDirectory = FindAspNetCoreDirectory();

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(AspNetCoreDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static string FindAspNetCoreDirectory()
        {
            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var shared = Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App");
            var sameVersion = Path.Combine(shared, Path.GetFileName(runtime));
            return Directory.Exists(sameVersion)
                ? sameVersion
                : Directory.GetDirectories(shared).OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).Last();
        }
    }
}
