using System.Diagnostics;
using OpsKit.Rules.Generator;

namespace OpsKit.Tests.Security;

public sealed class SecurityAlertRulesTests
{
    private static readonly string Docs = Path.Combine(RepositoryPaths.Root, "docs", "prometheus");
    private static readonly string RuleFile = Path.Combine(Docs, SecurityAlertRules.FileName);

    [Fact]
    public void Generated_rule_file_contains_the_auth_success_rate_below_95_percent_rule()
    {
        var rules = RuleYaml.Rules(SecurityAlertRules.File);

        Assert.Contains("alert: OpsKitAuthSuccessRateLow", rules, StringComparison.Ordinal);
        Assert.Contains("opskit_security_auth_attempts_total{result=\"failure\"}[5m]", rules, StringComparison.Ordinal);
        Assert.Contains("> 0.05", rules, StringComparison.Ordinal);
        Assert.Contains("for: 5m", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_accepts_the_rules()
    {
        var (code, output) = await PromtoolAsync("check", "rules", RuleFile);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 3 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_unit_tests_of_the_rules_pass()
    {
        var (code, output) = await PromtoolAsync("test", "rules", Path.Combine(Docs, "opskit-security-alerts.test.yml"));

        Assert.True(code == 0, output);
    }

    private static async Task<(int Code, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Docs };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
