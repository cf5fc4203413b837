using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Reads the MSBuild properties that buildTransitive/OpsKit.props makes visible to the analyzers.
/// When a property is absent the project kind is unknown, and the rules that depend on it stay silent.
/// </summary>
internal static class ProjectProperties
{
    private const string UsingWebSdk = "build_property.UsingMicrosoftNETSdkWeb";
    private const string IsTestProjectKey = "build_property.IsTestProject";
    private const string OutputTypeKey = "build_property.OutputType";

    /// <summary>An ASP.NET Core application: Web SDK, runs as an executable, not a test project.</summary>
    public static bool IsWebApplication(AnalyzerOptions options)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (!IsTrue(global, UsingWebSdk) || IsTrue(global, IsTestProjectKey))
        {
            return false;
        }

        return !global.TryGetValue(OutputTypeKey, out var outputType)
            || string.IsNullOrWhiteSpace(outputType)
            || outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase)
            || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// An executable (the app that owns the DI container). Falls back to the compilation's output kind when the
    /// MSBuild property is not visible.
    /// </summary>
    public static bool IsApplication(AnalyzerOptions options, Microsoft.CodeAnalysis.Compilation compilation)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(OutputTypeKey, out var outputType) && !string.IsNullOrWhiteSpace(outputType))
        {
            return outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase);
        }

        return compilation.Options.OutputKind is Microsoft.CodeAnalysis.OutputKind.ConsoleApplication or Microsoft.CodeAnalysis.OutputKind.WindowsApplication;
    }

    /// <summary>A class library (OutputType Library) that is not a test project.</summary>
    public static bool IsLibrary(AnalyzerOptions options)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        return global.TryGetValue(OutputTypeKey, out var outputType)
            && outputType.Equals("Library", StringComparison.OrdinalIgnoreCase)
            && !IsTrue(global, IsTestProjectKey);
    }

    public static bool IsTestProject(AnalyzerOptions options)
        => IsTrue(options.AnalyzerConfigOptionsProvider.GlobalOptions, IsTestProjectKey);

    private static bool IsTrue(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
