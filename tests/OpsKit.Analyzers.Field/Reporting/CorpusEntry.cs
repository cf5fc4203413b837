namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>One repository of the measured corpus: the commit in the corpus tree and what is labelled in it.</summary>
internal sealed record CorpusEntry(string Repo, string Commit, int Projects, int Sites, int FlagSites, int NoFlagSites, int HardSites);
