using System.Text.Json;

namespace OpsKit.Tests.Checks;

/// <summary>Runs one check in tests/OpsKit.Checks.Probe as user nobody (root ignores file modes).</summary>
internal static class CheckProbe
{
    public static string Dll
    {
        get
        {
            // tests/OpsKit.Tests/bin/<Configuration>/net10.0/ → tests/OpsKit.Checks.Probe/bin/<Configuration>/net10.0/
            var baseDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(baseDirectory);
            var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory)!);
            var tests = Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", "..", ".."));
            return Path.Combine(tests, "OpsKit.Checks.Probe", "bin", configuration, framework, "OpsKit.Checks.Probe.dll");
        }
    }

    public static async Task<JsonElement> RunAsNobodyAsync(NobodyDirectory directory, string type, params string[] settings)
    {
        var result = await NobodyProcess.RunAsync(directory.Home, "dotnet", [Dll, type, .. settings], TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, $"probe exited {result.ExitCode}: {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }
}
