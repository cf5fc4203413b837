using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OpsKit.Packaging.Tests;

/// <summary>The nuspecs list real runtime dependencies only.</summary>
public sealed class PackageDependencyTests
{
    public static TheoryData<string> PackageIds => ["OpsKit", "OpsKit.Analyzers", "OpsKit.Grpc", "OpsKit.Npgsql", "OpsKit.Redis"];

    /// <summary>
    /// The reviewed dependency list of each shipped package: adding or removing one changes this list in the same commit.
    /// Microsoft.Extensions.Http.Resilience: its transient-failure predicates classify OpsKit pipelines' outcomes, and the
    /// http checks and AddOpsResilience remove its handlers (a ConfigureHttpClientDefaults standard handler) from their clients.
    /// DistributedLock.Redis: the Redis lock builds on it.
    /// Grpc.AspNetCore.Server and Grpc.HealthCheck: the gRPC health service and its generated grpc.health.v1 types.
    /// </summary>
    public static TheoryData<string, string[]> ReviewedDependencies => new()
    {
        {
            "OpsKit",
            [
                "Microsoft.Extensions.Http.Resilience",
                "OpenTelemetry.Exporter.OpenTelemetryProtocol",
                "OpenTelemetry.Exporter.Prometheus.AspNetCore",
                "OpenTelemetry.Extensions.Hosting",
                "OpenTelemetry.Instrumentation.AspNetCore",
                "OpenTelemetry.Instrumentation.Http",
                "OpenTelemetry.Instrumentation.Runtime",
                "Polly.Core",
                "Polly.Extensions",
            ]
        },
        { "OpsKit.Grpc", ["Grpc.AspNetCore.Server", "Grpc.HealthCheck", "OpsKit"] },
        { "OpsKit.Npgsql", ["Npgsql", "OpsKit"] },
        { "OpsKit.Redis", ["DistributedLock.Redis", "OpsKit", "StackExchange.Redis"] },
    };

    [Theory]
    [MemberData(nameof(ReviewedDependencies))]
    public void Shipped_package_lists_exactly_its_reviewed_dependencies(string packageId, string[] expected)
    {
        Assert.Equal(expected, PackedPackage.Get(packageId).Dependencies.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The compiler keeps an assembly reference only when the code uses a type of that assembly, so a dependency whose
    /// assembly the packed dll does not reference is one no code uses.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReviewedDependencies))]
    public void Every_dependency_is_an_assembly_the_packed_code_references(string packageId, string[] expected)
    {
        var package = PackedPackage.Get(packageId);
        using var pe = new PEReader(new MemoryStream(package.ReadEntry($"lib/net10.0/{packageId}.dll")));
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToHashSet(StringComparer.Ordinal);

        var unused = expected.Where(id => !referenced.Contains(id)).ToList();

        Assert.True(unused.Count == 0, $"{packageId} depends on packages its code does not use: {string.Join(", ", unused)}");
    }

    [Fact]
    public void OpsKit_is_not_a_development_dependency()
    {
        // A runtime package marked as a development dependency would be referenced with PrivateAssets=all and never flow to the app.
        Assert.NotEqual("true", PackedPackage.Get("OpsKit").Element("developmentDependency"));
    }

    [Fact]
    public void OpsKit_Analyzers_is_a_development_dependency()
    {
        Assert.Equal("true", PackedPackage.Get("OpsKit.Analyzers").Element("developmentDependency"));
    }

    [Fact]
    public void OpsKit_Analyzers_has_no_dependencies()
    {
        Assert.Empty(PackedPackage.Get("OpsKit.Analyzers").Dependencies);
    }

    [Theory]
    [InlineData("OpsKit.Grpc")]
    [InlineData("OpsKit.Npgsql")]
    [InlineData("OpsKit.Redis")]
    public void Integration_package_depends_on_OpsKit_at_its_own_version(string packageId)
    {
        var package = PackedPackage.Get(packageId);

        Assert.Equal(package.Version, package.Dependencies.Single(d => d.Id == "OpsKit").Version);
        Assert.All(package.Dependencies, d => Assert.False(string.IsNullOrWhiteSpace(d.Version)));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void No_dependency_is_an_analyzer_code_fix_test_or_Roslyn_package(string packageId)
    {
        string[] forbidden = ["Microsoft.CodeAnalysis", "Analyzers", "CodeFixes", "Tests", "Testing", "xunit", "Microsoft.NET.Test.Sdk", "BenchmarkDotNet", "Sample"];

        var offending = PackedPackage.Get(packageId).Dependencies
            .Where(d => forbidden.Any(f => d.Id.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .Select(d => $"{d.Id} {d.Version}")
            .ToList();

        Assert.True(offending.Count == 0, $"{packageId} depends on build-time or test-only packages: {string.Join(", ", offending)}");
    }
}
