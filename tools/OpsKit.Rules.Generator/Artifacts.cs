namespace OpsKit.Rules.Generator;

/// <summary>Every file the tool writes, grouped by the package that owns the instruments the rules use.</summary>
public static class Artifacts
{
    /// <summary>How to rewrite the committed files.</summary>
    public const string RegenerateCommand = "dotnet run --project tools/OpsKit.Rules.Generator -- --write";

    /// <summary>Rule and promtool test file name of the service rules.</summary>
    public const string AlertsFileName = "opskit-alerts.yml";

    /// <summary>promtool test file of <see cref="AlertsFileName"/>.</summary>
    public const string AlertsTestsFileName = "opskit-alerts.test.yml";

    /// <summary>Recording rules and alerts of OpsKit core, OpsKit.Npgsql and OpsKit.Redis: one group per package.</summary>
    public static readonly RuleFile Alerts = new(
        AlertsFileName,
        [],
        [CoreAlertRules.Recording, CoreAlertRules.Alerts, NpgsqlAlertRules.Alerts, RedisAlertRules.Alerts]);

    /// <summary>The generated files, paths relative to the repository root.</summary>
    public static IReadOnlyList<Artifact> All() =>
    [
        new("docs/prometheus/" + AlertsFileName, RuleYaml.Rules(Alerts)),
        new("docs/prometheus/" + AlertsTestsFileName, RuleYaml.Tests(Alerts, AlertsTestsFileName, CoreAlertRules.RecordingTest)),
        new("docs/prometheus/" + SecurityAlertRules.FileName, RuleYaml.Rules(SecurityAlertRules.File)),
        new("docs/prometheus/" + SloAlertRules.FileName, RuleYaml.Rules(SloAlertRules.File)),
        new("docs/grafana/" + GrafanaDashboard.FileName, GrafanaDashboard.Json()),
    ];
}
