using System.Diagnostics;
using OpsKit.Rules.Generator;
using OpsKit.Slo.Internal;

namespace OpsKit.Tests.Slo;

public sealed class SloAlertRuleTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string RulesFile = Path.Combine(Root, "docs/prometheus", SloAlertRules.FileName);
    private static readonly string RulesTestFile = Path.Combine(Root, "docs/prometheus/opskit-slo-alerts.test.yml");

    [Fact]
    public void The_threshold_alerts_repeat_the_levels_of_the_presets_OpsKit_evaluates()
    {
        var evaluated = SloPresets.All
            .Select(p => (Name: p.Key, p.Value.ErrorRate, p.Value.P95))
            .OrderBy(p => p.Name, StringComparer.Ordinal);

        Assert.Equal(evaluated, SloAlertRules.Presets.Select(p => (p.Name, p.ErrorRate, p.P95)));
    }

    [Fact]
    public async Task Promtool_accepts_the_slo_alert_rules()
    {
        var (code, output) = await PromtoolAsync("check", "rules", RulesFile);

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Promtool_unit_tests_of_the_slo_alert_rules_pass()
    {
        var (code, output) = await PromtoolAsync("test", "rules", RulesTestFile);

        Assert.True(code == 0, output);
    }

    private static async Task<(int Code, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RulesFile)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start (apt-get install prometheus).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
