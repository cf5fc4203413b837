using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>The kind of project a snippet is compiled in: SDK, references, MSBuild properties, .editorconfig.</summary>
public sealed record TestProject
{
    /// <summary>Microsoft.NET.Sdk.Web application: UsingMicrosoftNETSdkWeb=true, OutputType=Exe, web implicit usings.</summary>
    public static TestProject WebApp { get; } = new();

    /// <summary>A web app that references OpsKit (AddOpsHealth, MapOpsHealth, AddOpsMemoryCache).</summary>
    public static TestProject WebAppWithOpsKit { get; } = new() { OpsKit = true };

    /// <summary>Microsoft.NET.Sdk.Worker service: the Web SDK property is empty.</summary>
    public static TestProject Worker { get; } = new() { Web = false };

    /// <summary>A class library (Microsoft.NET.Sdk, OutputType=Library) that still references ASP.NET Core.</summary>
    public static TestProject Library { get; } = new() { Web = false, OutputKind = OutputKind.DynamicallyLinkedLibrary };

    /// <summary>A web test project (IsTestProject=true).</summary>
    public static TestProject TestProjectWithWebSdk { get; } = new() { IsTest = true };

    /// <summary>A console app with only the .NET reference pack: none of the target types exist.</summary>
    public static TestProject BareConsole { get; } = new() { Web = false, AspNetCore = false, Redis = false };

    public bool Web { get; init; } = true;

    public bool IsTest { get; init; }

    public bool AspNetCore { get; init; } = true;

    public bool Redis { get; init; } = true;

    /// <summary>References Npgsql (NpgsqlDataSource, NpgsqlConnection); off by default.</summary>
    public bool Npgsql { get; init; }

    public bool OpsKit { get; init; }

    /// <summary>False leaves the build_property.* keys out entirely (analyzer referenced without OpsKit.props).</summary>
    public bool BuildPropertiesVisible { get; init; } = true;

    public OutputKind OutputKind { get; init; } = OutputKind.ConsoleApplication;

    /// <summary>The compilation's assembly name (test-like names make some rules treat the project as test code).</summary>
    public string AssemblyName { get; init; } = "TestProject";

    /// <summary>False: no global usings (ImplicitUsings off); every file brings its own using directives.</summary>
    public bool ImplicitUsingsEnabled { get; init; } = true;

    /// <summary>.editorconfig entries applied to every file.</summary>
    public ImmutableDictionary<string, string> EditorConfig { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>More files of the same project (no markup).</summary>
    public ImmutableArray<string> AdditionalSources { get; init; } = [];

    /// <summary>More metadata references (for instance a library compiled by <see cref="TestReferences.CompileLibrary"/>).</summary>
    public ImmutableArray<MetadataReference> AdditionalReferences { get; init; } = [];

    public TestProject WithOption(string key, string value) => this with { EditorConfig = EditorConfig.SetItem(key, value) };

    internal ImmutableDictionary<string, string> GlobalOptions()
    {
        if (!BuildPropertiesVisible)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        return ImmutableDictionary<string, string>.Empty
            .Add("build_property.UsingMicrosoftNETSdkWeb", Web ? "true" : string.Empty)
            .Add("build_property.IsTestProject", IsTest ? "true" : string.Empty)
            .Add("build_property.OutputType", OutputKind == OutputKind.DynamicallyLinkedLibrary ? "Library" : "Exe");
    }

    internal string ImplicitUsings()
    {
        if (!ImplicitUsingsEnabled)
        {
            return string.Empty;
        }

        var namespaces = new List<string> { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };
        if (AspNetCore)
        {
            namespaces.AddRange(["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"]);
            if (Web)
            {
                namespaces.AddRange(["System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing"]);
            }
        }

        return string.Concat(namespaces.Select(n => $"global using global::{n};\n"));
    }
}
