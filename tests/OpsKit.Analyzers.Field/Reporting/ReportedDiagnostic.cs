namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>An OpsKit diagnostic located the way labels are: repository, project and file paths in the repository, 1-based start line.</summary>
internal sealed record ReportedDiagnostic(string Repo, string Project, string Rule, string Path, int Line, string Message);
