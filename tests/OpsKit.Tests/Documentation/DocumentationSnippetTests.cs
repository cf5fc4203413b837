using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpsKit.Health;

namespace OpsKit.Tests.Documentation;

/// <summary>Every C# block in README.md, the package READMEs and docs/ compiles against the OpsKit assemblies of this build.</summary>
public sealed partial class DocumentationSnippetTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in DocumentationFiles())
        {
            var count = CSharpBlock().Matches(File.ReadAllText(file)).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(Path.GetRelativePath(RepositoryPaths.Root, file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles(string file, int index)
    {
        var code = CSharpBlock().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)))[index].Groups["code"].Value;
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(code)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{file} block {index} does not compile:\n{string.Join('\n', errors)}\n---\n{code}");
    }

    [Fact]
    public void Readme_has_a_csharp_quickstart()
    {
        Assert.Contains(Snippets(), row => (string)row[0] == "README.md");
    }

    private static IEnumerable<string> DocumentationFiles()
    {
        var root = RepositoryPaths.Root;
        yield return Path.Combine(root, "README.md");
        foreach (var package in new[] { "src/OpsKit", "src/OpsKit.Npgsql", "src/OpsKit.Redis", "src/OpsKit.Grpc", "nuget/OpsKit.Analyzers.Package" })
        {
            yield return Path.Combine(root, package, "README.md");
        }

        var docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs))
        {
            foreach (var file in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}rules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        return platform
            .Append(typeof(OpsHealthBuilder).Assembly.Location)
            .Append(typeof(OpsKit.Npgsql.OpsNpgsqlOptions).Assembly.Location)
            .Append(typeof(OpsKit.Redis.OpsRedisOptions).Assembly.Location)
            .Append(typeof(Microsoft.Extensions.DependencyInjection.OpsGrpcHealthServiceCollectionExtensions).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
