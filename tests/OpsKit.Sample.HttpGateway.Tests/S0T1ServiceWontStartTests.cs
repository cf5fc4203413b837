using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsKit.Testing;
using static OpsKit.Sample.HttpGateway.Tests.GatewayHost;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>
/// S0-T1 "Service Won't Start" (data dir / config). The built sample runs as a process as <c>nobody</c> (when the tests
/// run as root, which ignores file modes), with its content root in a <see cref="NobodyDirectory"/>.
/// In the serial collection: the time bound is about the sample, not about the other tests' load.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class S0T1ServiceWontStartTests(ITestOutputHelper output)
{
    private const UnixFileMode Mode0555 =
        UnixFileMode.UserRead | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0755 = Mode0555 | UnixFileMode.UserWrite;

    [Fact]
    public async Task S0_T1_validate_only_prints_the_empty_gateway_endpoint_list_and_the_read_only_data_directory_and_exits_1()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        await using var gateway = await GatewayStub.StartAsync();
        var data = directory.CreateSubdirectory("data", Mode0555);
        var certificates = directory.CreateSubdirectory("certificates", Mode0755);
        WritePem(certificates, "client", DateTimeOffset.UtcNow.AddDays(365));
        // What an operator's edit of appsettings.json looks like: "Endpoints": [].
        GatewayProcess.WriteAppSettings(directory.Home, s => s["OpsKit"]!["Resilience"]!["Pipelines"]!["gateway"]!["Endpoints"] = new JsonArray());
        // The scenario's 5 s, plus the named slack for a cold process start on a loaded machine.
        var validation = FaultClock.Start("S0-T1", "validate-only-exit", TimeSpan.FromSeconds(5), output, FaultClock.ProcessStartSlack);

        var result = await GatewayProcess.RunAsync(
            directory.Home,
            $"--OpsKit:Health:Checks:data:Path={data}",
            $"--OpsKit:Health:Checks:certificates:Path={certificates}",
            $"--OpsKit:Health:Checks:gateway:Url={gateway.Health}",
            // Last: the command-line configuration provider would read the next argument as the switch's value.
            "--opskit-validate");

        validation.Observed("the validate-only run exits");
        var printed = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 1, printed);
        Assert.Contains("OpsKit:Resilience:Pipelines:gateway:Endpoints is empty", printed, StringComparison.Ordinal);
        var line = Assert.Single(printed.Split('\n'), l => l.StartsWith("OpsKit:Health:Checks:data (error): Unhealthy", StringComparison.Ordinal));
        Assert.Contains("denied", line, StringComparison.Ordinal);
        Assert.True(printed.Contains("OpsKit validation failed: 2 problem(s).", StringComparison.Ordinal), printed);
        Assert.DoesNotContain("Now listening on", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S0_T1_read_only_data_directory_fails_readiness_but_not_liveness_of_the_running_sample()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        await using var gateway = await GatewayStub.StartAsync();
        var data = directory.CreateSubdirectory("data", Mode0555);
        var certificates = directory.CreateSubdirectory("certificates", Mode0755);
        WritePem(certificates, "client", DateTimeOffset.UtcNow.AddDays(365));
        GatewayProcess.WriteAppSettings(directory.Home);

        await using var sample = await GatewayProcess.StartAsync(directory.Home, new Dictionary<string, string>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:Checks:data:Path"] = data,
            ["OpsKit:Health:Checks:certificates:Path"] = certificates,
            ["OpsKit:Health:Checks:gateway:Url"] = gateway.Health.ToString(),
            [Pipeline("Endpoints:0:Url")] = gateway.Address.ToString(),
            [Pipeline("Endpoints:1:Url")] = gateway.Address.ToString(),
        });

        // Readiness is 503 "starting" too until every check has run once (liveness, which StartAsync waits for, is 200
        // before that): wait for the data check's own result, not for any 503. The directory is read-only from the
        // start: timed from the listening process, whose first run begins at once.
        var (status, details) = await FaultClock.Start("S0-T1", "read-only-data-dir", FaultClock.N, output).UntilAsync(
            async () =>
            {
                using var response = await sample.Client.GetAsync(new Uri("/health", UriKind.Relative));
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return (response.StatusCode, document.RootElement.Clone());
            },
            r => r.Item2.GetProperty("checks").GetProperty("data").GetProperty("status").GetString() == "Unhealthy",
            "the data check is Unhealthy");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await sample.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sample.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        var check = details.GetProperty("checks").GetProperty("data");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal("permission", check.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("denied", check.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var metrics = await sample.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(0, SampleHost.MetricValue(metrics, "opskit_health_check_status", "check=\"data\""));
    }
}
