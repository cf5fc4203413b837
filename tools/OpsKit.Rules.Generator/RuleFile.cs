namespace OpsKit.Rules.Generator;

/// <summary>A rule file under docs/prometheus: header comment lines (after the "generated" notice) and its groups.</summary>
public sealed record RuleFile(string FileName, IReadOnlyList<string> Comments, IReadOnlyList<RuleGroup> Groups)
{
    /// <summary>Every alert of the file, in file order.</summary>
    public IEnumerable<AlertRule> Alerts => Groups.SelectMany(static g => g.Alerts);

    /// <summary>Every recording rule of the file, in file order.</summary>
    public IEnumerable<RecordingRule> Records => Groups.SelectMany(static g => g.Records);
}
