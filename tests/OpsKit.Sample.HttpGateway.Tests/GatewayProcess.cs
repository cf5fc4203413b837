using System.Text.Json.Nodes;
using OpsKit.Testing;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>
/// The built sample as a separate process, as nobody (root ignores file modes), with its working directory (the content
/// root) in a directory the test owns, holding a copy of the sample's appsettings.json that the test may edit.
/// </summary>
internal static class GatewayProcess
{
    private const string Sample = "OpsKit.Sample.HttpGateway";

    /// <summary>Writes the sample's appsettings.json into <paramref name="contentRoot"/>, changed by <paramref name="edit"/>.</summary>
    public static void WriteAppSettings(string contentRoot, Action<JsonNode>? edit = null)
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(SampleProcess.BinDirectory(Sample), "appsettings.json")))!;
        edit?.Invoke(settings);
        File.WriteAllText(Path.Combine(contentRoot, "appsettings.json"), settings.ToJsonString());
    }

    /// <summary>Runs the sample to completion (e.g. with <c>--opskit-validate</c>) in <paramref name="contentRoot"/>.</summary>
    public static Task<ProcessResult> RunAsync(string contentRoot, params string[] args) =>
        SampleProcess.RunAsNobodyAsync(Sample, contentRoot, args);

    /// <summary>Starts the sample serving on a free 127.0.0.1 port and waits until it answers <c>/health/live</c>.</summary>
    public static Task<SampleProcess> StartAsync(string contentRoot, IReadOnlyDictionary<string, string> settings) =>
        SampleProcess.StartAsNobodyAsync(Sample, contentRoot, settings.Select(s => $"--{s.Key}={s.Value}"));
}
