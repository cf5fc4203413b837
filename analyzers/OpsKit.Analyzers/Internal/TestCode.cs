using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Test code decided from facts rather than from <c>IsTestProject</c> alone: many test helper projects never set it.
/// A compilation is test code when IsTestProject is true, when it references a test framework, or when its assembly
/// name ends like a test project's (<c>.Tests</c>, <c>.UnitTests</c>, <c>.IntegrationTests</c>, <c>.Specs</c>…), which
/// still holds in an IDE before the packages are restored. An assertion library alone (<c>xunit.assert</c>) does not make
/// a project test code: some production libraries reference it, and their apps inherit it.
/// </summary>
internal static class TestCode
{
    private static readonly string[] FrameworkAssemblies =
    [
        "xunit.core", "xunit.v3.core", "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework", "TUnit.Core",
        "Microsoft.TestPlatform.CoreUtilities", "Microsoft.Testing.Platform",
    ];

    private static readonly string[] NameSuffixes =
    [
        ".Tests", ".Test", ".UnitTests", ".UnitTest", ".IntegrationTests", ".IntegrationTest", ".FunctionalTests",
        ".AcceptanceTests", ".Specs", ".Testing", ".TestHelpers", ".TestUtilities", ".Benchmarks", "Tests",
    ];

    public static bool IsTestCompilation(AnalyzerOptions options, Compilation compilation)
    {
        if (ProjectProperties.IsTestProject(options))
        {
            return true;
        }

        var name = compilation.AssemblyName ?? string.Empty;
        foreach (var suffix in NameSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return ReferencedAssemblies.ContainsAny(compilation, FrameworkAssemblies);
    }
}
