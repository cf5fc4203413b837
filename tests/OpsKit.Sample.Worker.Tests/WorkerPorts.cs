using System.Globalization;

namespace OpsKit.Sample.Worker.Tests;

/// <summary>Free loopback ports for one worker's probe listeners, and the settings that give them to it.</summary>
internal sealed record WorkerPorts(int Http, int Live, int Ready, int Startup)
{
    /// <summary>The sample's check period and timeout (appsettings.json): the readiness bound is their sum + 1 s.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static WorkerPorts Free() => new(FreePort.Get(), FreePort.Get(), FreePort.Get(), FreePort.Get());

    public Dictionary<string, string?> Settings(string? redis) => new()
    {
        ["OpsKit:Health:Period"] = "00:00:02",
        ["OpsKit:Health:Timeout"] = "00:00:01",
        ["OpsKit:Health:ShutdownDelay"] = "00:00:02",
        ["OpsKit:Health:Probes:Address"] = "Loopback",
        ["OpsKit:Health:Probes:HttpPort"] = Http.ToString(CultureInfo.InvariantCulture),
        ["OpsKit:Health:Probes:LivePort"] = Live.ToString(CultureInfo.InvariantCulture),
        ["OpsKit:Health:Probes:ReadyPort"] = Ready.ToString(CultureInfo.InvariantCulture),
        ["OpsKit:Health:Probes:StartupPort"] = Startup.ToString(CultureInfo.InvariantCulture),
        ["ConnectionStrings:redis"] = redis,
    };

    /// <summary>The same settings as command-line arguments, for the sample run as a process.</summary>
    public string[] Arguments(string? redis) =>
        [.. Settings(redis).Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")];

    public Uri HttpAddress => new($"http://127.0.0.1:{Http.ToString(CultureInfo.InvariantCulture)}/");
}
