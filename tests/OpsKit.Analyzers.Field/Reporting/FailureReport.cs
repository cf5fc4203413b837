namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>An analyzer exception (AD0001) in one project.</summary>
internal sealed record FailureReport(string Repo, string Project, string Analyzer, string Message);
