namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>A false positive, false negative or unevaluated site. <see cref="Expected"/> is null for a diagnostic on no labelled site.</summary>
internal sealed record SiteReport(string Rule, string Repo, string Project, string Path, int Line, string? Expected, bool Hard, string Reason, string? Message);
