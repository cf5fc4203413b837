namespace OpsKit.Packaging.Tests;

/// <summary>The nuspecs list real runtime dependencies only.</summary>
public sealed class PackageDependencyTests
{
    public static TheoryData<string> PackageIds => ["OpsKit", "OpsKit.Analyzers", "OpsKit.Npgsql", "OpsKit.Redis"];

    [Fact]
    public void OpsKit_depends_only_on_the_libraries_it_builds_on()
    {
        string[] expected =
        [
            "Microsoft.Extensions.Diagnostics.ResourceMonitoring",
            "Microsoft.Extensions.Http.Resilience",
            "OpenTelemetry.Exporter.OpenTelemetryProtocol",
            "OpenTelemetry.Exporter.Prometheus.AspNetCore",
            "OpenTelemetry.Extensions.Hosting",
            "OpenTelemetry.Instrumentation.AspNetCore",
            "OpenTelemetry.Instrumentation.Http",
            "OpenTelemetry.Instrumentation.Runtime",
            "Polly.Core",
            "Polly.Extensions",
        ];
        Assert.Equal(expected, PackedPackage.Get("OpsKit").Dependencies.Select(d => d.Id).Order(StringComparer.Ordinal));
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
    [InlineData("OpsKit.Npgsql", new[] { "Npgsql" })]
    // DistributedLock.Redis: the distributed lock builds on it (DESIGN "Libraries to build on").
    [InlineData("OpsKit.Redis", new[] { "StackExchange.Redis", "DistributedLock.Redis" })]
    public void Integration_package_depends_on_OpsKit_at_its_own_version_and_on_its_client_packages_only(string packageId, string[] clientPackageIds)
    {
        var package = PackedPackage.Get(packageId);
        var dependencies = package.Dependencies;

        Assert.Equal(
            clientPackageIds.Append("OpsKit").Order(StringComparer.Ordinal),
            dependencies.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(package.Version, dependencies.Single(d => d.Id == "OpsKit").Version);
        Assert.All(clientPackageIds, id => Assert.False(string.IsNullOrWhiteSpace(dependencies.Single(d => d.Id == id).Version)));
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
