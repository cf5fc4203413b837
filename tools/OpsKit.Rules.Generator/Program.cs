using OpsKit.Rules.Generator;

// Without arguments: exit 1 and name every committed file that differs from what the rules generate.
// With --write: rewrite those files.
var write = args is ["--write"];
if (args.Length > 0 && !write)
{
    Console.Error.WriteLine("usage: dotnet run --project tools/OpsKit.Rules.Generator [-- --write]");
    return 2;
}

var root = new DirectoryInfo(Environment.CurrentDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpsKit.slnx")))
{
    root = root.Parent;
}

if (root is null)
{
    Console.Error.WriteLine("Run from inside the repository: OpsKit.slnx not found above " + Environment.CurrentDirectory);
    return 2;
}

var drifted = 0;
foreach (var artifact in Artifacts.All())
{
    var path = Path.Combine(root.FullName, artifact.RelativePath);
    if (File.Exists(path) && File.ReadAllText(path) == artifact.Content)
    {
        continue;
    }

    if (write)
    {
        File.WriteAllText(path, artifact.Content);
        Console.WriteLine("wrote " + artifact.RelativePath);
    }
    else
    {
        Console.WriteLine("differs: " + artifact.RelativePath);
        drifted++;
    }
}

if (drifted > 0)
{
    Console.WriteLine("Regenerate with: " + Artifacts.RegenerateCommand);
}

return drifted > 0 ? 1 : 0;
