namespace OpsKit.Sample.Worker.Tests;

/// <summary><c>--opskit-validate</c> in a worker: the same report as a web app, and no port opened.</summary>
public sealed class ValidateOnlyTests
{
    private const string Sample = "OpsKit.Sample.Worker";

    [Fact]
    public async Task Validate_only_passes_and_exits_0_without_opening_a_probe_port()
    {
        var ports = WorkerPorts.Free();

        var (exitCode, text) = await SampleProcess.RunAsync(Sample, new Dictionary<string, string>(), [.. ports.Arguments(redis: null), "--opskit-validate"]);

        Assert.True(exitCode == 0, text);
        Assert.Contains("OpsKit validation passed.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_probe_port_fails_validation_naming_its_key()
    {
        var ports = WorkerPorts.Free();

        var (exitCode, text) = await SampleProcess.RunAsync(
            Sample, new Dictionary<string, string>(), [.. ports.Arguments(redis: null), "--OpsKit:Health:Probes:ReadyPort=70000", "--opskit-validate"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("OpsKit:Health:Probes:ReadyPort must be a port between 1 and 65535 (was 70000).", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_probe_port_used_twice_fails_the_start_naming_both_keys()
    {
        var ports = WorkerPorts.Free();

        var (exitCode, text) = await SampleProcess.RunAsync(
            Sample, new Dictionary<string, string>(), [.. ports.Arguments(redis: null), $"--OpsKit:Health:Probes:LivePort={ports.Ready}"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("OpsKit:Health:Probes:ReadyPort: port", text, StringComparison.Ordinal);
        Assert.Contains("is also OpsKit:Health:Probes:LivePort", text, StringComparison.Ordinal);
    }
}
