using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>
/// Real reference assemblies: the .NET and ASP.NET Core reference packs of the installed SDK, StackExchange.Redis
/// and Npgsql from the test's own packages, and a small stand-in for the OpsKit runtime API compiled once.
/// </summary>
public static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyNetCore = new(() => FromPack("Microsoft.NETCore.App.Ref"));
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAspNetCore = new(() => FromPack("Microsoft.AspNetCore.App.Ref"));
    private static readonly Lazy<MetadataReference> LazyRedis = new(() => MetadataReference.CreateFromFile(typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly.Location));
    private static readonly Lazy<MetadataReference> LazyNpgsql = new(() => MetadataReference.CreateFromFile(typeof(global::Npgsql.NpgsqlDataSource).Assembly.Location));
    private static readonly Lazy<MetadataReference> LazyOpsKit = new(() => CompileLibrary("OpsKit", OpsKitApiSource, [.. NetCore, .. AspNetCore]));

    public static ImmutableArray<MetadataReference> NetCore => LazyNetCore.Value;

    public static ImmutableArray<MetadataReference> AspNetCore => LazyAspNetCore.Value;

    public static MetadataReference Redis => LazyRedis.Value;

    public static MetadataReference Npgsql => LazyNpgsql.Value;

    public static MetadataReference OpsKit => LazyOpsKit.Value;

    public static ImmutableArray<MetadataReference> For(TestProject project)
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.AddRange(NetCore);
        if (project.AspNetCore)
        {
            builder.AddRange(AspNetCore);
        }

        if (project.Redis)
        {
            builder.Add(Redis);
        }

        if (project.Npgsql)
        {
            builder.Add(Npgsql);
        }

        if (project.OpsKit)
        {
            builder.Add(OpsKit);
        }

        builder.AddRange(project.AdditionalReferences);
        return builder.ToImmutable();
    }

    /// <summary>Compiles a library (for instance a third-party package or another project of the solution) to a metadata reference.</summary>
    public static MetadataReference CompileLibrary(string assemblyName, string source, IEnumerable<MetadataReference>? references = null)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references ?? [.. NetCore, .. AspNetCore, Redis],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The test library does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static ImmutableArray<MetadataReference> FromPack(string pack)
    {
        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(dotnetRoot) || !Directory.Exists(Path.Combine(dotnetRoot, "packs")))
        {
            // shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        }

        var packRoot = Path.Combine(dotnetRoot, "packs", pack);
        var version = Directory.GetDirectories(packRoot)
            .Select(Path.GetFileName)
            .Where(v => v!.StartsWith("10.", StringComparison.Ordinal))
            .OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version(0, 0))
            .First();
        var directory = Path.Combine(packRoot, version!, "ref", "net10.0");
        return [.. Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))];
    }

    /// <summary>The OpsKit API surface the rules and fixes know about, as src/OpsKit declares it.</summary>
    private const string OpsKitApiSource = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;

        namespace OpsKit
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class OpsMapsHealthEndpointsAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class OpsRegistersHealthChecksAttribute : Attribute { }

            public sealed class OpsHealthOptions { }
        }

        namespace OpsKit.Caching
        {
            public sealed class OpsMemoryCacheOptions
            {
                public long SizeLimit { get; set; } = 1024;
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class OpsHealthServiceCollectionExtensions
            {
                public static IServiceCollection AddOpsHealth(this IServiceCollection services, Action<OpsKit.OpsHealthOptions>? configure = null) => services;
            }

            public static class OpsCachingServiceCollectionExtensions
            {
                public static IServiceCollection AddOpsMemoryCache(this IServiceCollection services, string name, Action<OpsKit.Caching.OpsMemoryCacheOptions>? configure = null) => services;
            }
        }

        namespace Microsoft.AspNetCore.Builder
        {
            public static class OpsHealthEndpointRouteBuilderExtensions
            {
                public static IEndpointConventionBuilder MapOpsHealth(this IEndpointRouteBuilder endpoints) => throw new NotSupportedException();
            }
        }
        """;
}
