namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>How one labelled project compiled in one mode.</summary>
internal sealed record ProjectReport
{
    public required string Repo { get; init; }

    public required string Project { get; init; }

    public required string Mode { get; init; }

    public string Sdk { get; init; } = string.Empty;

    public string OutputType { get; init; } = string.Empty;

    public bool IsTestProject { get; init; }

    public int Files { get; init; }

    public int CompilerErrors { get; init; }

    public IReadOnlyDictionary<string, int> TopErrors { get; init; } = new Dictionary<string, int>();

    public int PackagesRequested { get; init; }

    public IReadOnlyList<string> PackagesRestored { get; init; } = [];

    public IReadOnlyList<string> PackagesDropped { get; init; } = [];

    public string? RestoreFailure { get; init; }

    public IReadOnlyList<string> BrokenReferences { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Set when the project could not be compiled at all.</summary>
    public string? Error { get; init; }

    public double CompileSeconds { get; init; }

    public double AnalyzeSeconds { get; init; }

    /// <summary>Each OpsKit analyzer's own time on this project in milliseconds, to 0.01 ms (JSON only: to find the project that makes a rule expensive; most projects take well under 0.1 ms).</summary>
    public IReadOnlyDictionary<string, double> OpsKitMs { get; init; } = new Dictionary<string, double>();
}
