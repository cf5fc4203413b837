using System.Globalization;
using System.Text.RegularExpressions;
using OpsKit.Health;

namespace OpsKit.Tests.Documentation;

/// <summary>The default <c>ShutdownDelay</c> follows the rule docs/probes.md gives for the probe settings it recommends.</summary>
public sealed partial class ShutdownDelayDefaultTests
{
    [Fact]
    public void Default_shutdown_delay_is_the_recommended_readiness_period_times_its_failure_threshold()
    {
        var probes = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "probes.md"));
        var readiness = ReadinessProbe().Match(probes);
        Assert.True(readiness.Success, "docs/probes.md has no readinessProbe block with periodSeconds and failureThreshold");

        var period = int.Parse(readiness.Groups["period"].Value, CultureInfo.InvariantCulture);
        var threshold = int.Parse(readiness.Groups["threshold"].Value, CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromSeconds(period * threshold), new OpsHealthOptions().ShutdownDelay);
        Assert.Contains($"`OpsKit:Health:ShutdownDelay` (default {period * threshold} s", probes, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"readinessProbe:\s*\n(?:\s+[^\n]*\n)*?\s+periodSeconds:\s*(?<period>\d+)\s*\n(?:\s+[^\n]*\n)*?\s+failureThreshold:\s*(?<threshold>\d+)")]
    private static partial Regex ReadinessProbe();
}
