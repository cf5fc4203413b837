namespace OpsKit.Sample.FileService.Tests;

/// <summary>The built sample (samples/OpsKit.Sample.FileService/bin/&lt;configuration&gt;/net10.0), to run it as another user.</summary>
internal static class SampleBinary
{
    public static string Directory
    {
        get
        {
            var baseDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(baseDirectory);
            var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory)!);
            var root = new DirectoryInfo(baseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpsKit.slnx")))
            {
                root = root.Parent;
            }

            return Path.Combine(
                root?.FullName ?? throw new InvalidOperationException("OpsKit.slnx not found above the test directory"),
                "samples", "OpsKit.Sample.FileService", "bin", configuration, framework);
        }
    }

    public static string Dll => Path.Combine(Directory, "OpsKit.Sample.FileService.dll");
}
