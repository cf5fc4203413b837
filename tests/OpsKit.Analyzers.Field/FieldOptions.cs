using System.Globalization;
using OpsKit.Analyzers.Field.Analysis;
using OpsKit.Analyzers.Field.Building;

namespace OpsKit.Analyzers.Field;

/// <summary>The command line (README.md lists every option).</summary>
internal sealed class FieldOptions
{
    public required string RepositoryRoot { get; init; }

    public required string LabelsDirectory { get; init; }

    public required string CorpusRoot { get; init; }

    public required string AnalyzersPath { get; init; }

    public required string OutDirectory { get; init; }

    public required string CacheDirectory { get; init; }

    public IReadOnlySet<string>? Rules { get; init; }

    public IReadOnlySet<string>? Repos { get; init; }

    public required IReadOnlyList<CompileMode> Modes { get; init; }

    public bool Meziantou { get; init; } = true;

    /// <summary>Whether the selected rules run on every labelled project, not only on those their own sites name.</summary>
    public bool EveryProject { get; init; }

    public int Runs { get; init; } = 1;

    /// <summary>The order the analyzers run in on each timed run (README.md, section Cost).</summary>
    public AnalyzerOrder Order { get; init; } = AnalyzerOrder.Shuffled;

    public bool SelfCheck { get; init; }

    public const string Usage = """
        OpsKit field runner: compiles the labelled projects of the field corpus and measures the OpsKit analyzers on them.

          --labels DIR        labels directory (*.json)             default: tests/OpsKit.Analyzers.Field/labels
          --corpus DIR        extracted repositories                default: $OPSKIT_FIELD_CORPUS or /work/field-corpus
          --analyzers PATH    OpsKit.Analyzers.dll to measure       default: analyzers/OpsKit.Analyzers/bin/Release/netstandard2.0/OpsKit.Analyzers.dll
          --rules IDS         only these rules (OPS0003,OPS0004)    default: every OPS rule of the assembly
          --repo NAMES        only these repositories (owner/name, comma-separated)
          --mode MODE         half | restored | both                default: both
          --every-project     run the selected rules on every labelled project (their whole-corpus cost); score only their sites
          --no-meziantou      skip Meziantou.Analyzer (faster; no cost comparison); else it runs in the last mode
          --runs N            timing runs per project               default: 1
          --order ORDER       shuffled (a new order per run, trimmed mean) | fixed (by name, median)
                                                                    default: shuffled
          --out DIR           report directory                      default: artifacts/field under the current directory
          --cache DIR         restore cache                         default: $OPSKIT_FIELD_CACHE or /work/field-cache
          --self-check        build a tiny corpus with known answers in a temp directory and check the counting
        """;

    public static FieldOptions Parse(string[] args)
    {
        var root = FindRepositoryRoot();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--no-meziantou" or "--every-project" or "--self-check" or "--help" or "-h")
            {
                flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[arg] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown or incomplete option '{arg}'.\n\n{Usage}");
            }
        }

        var known = new[] { "--labels", "--corpus", "--analyzers", "--rules", "--repo", "--mode", "--runs", "--order", "--out", "--cache" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option '{unknown}'.\n\n{Usage}");
        }

        if (flags.Contains("--help") || flags.Contains("-h"))
        {
            throw new ArgumentException(Usage);
        }

        static HashSet<string>? List(string? text) => text is null
            ? null
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var mode = values.GetValueOrDefault("--mode", "both");
        var runs = int.Parse(values.GetValueOrDefault("--runs", "1"), CultureInfo.InvariantCulture);
        return new FieldOptions
        {
            RepositoryRoot = root,
            LabelsDirectory = Path.GetFullPath(values.GetValueOrDefault("--labels") ?? Path.Combine(root, "tests", "OpsKit.Analyzers.Field", "labels")),
            CorpusRoot = Path.GetFullPath(values.GetValueOrDefault("--corpus") ?? Environment.GetEnvironmentVariable("OPSKIT_FIELD_CORPUS") ?? "/work/field-corpus"),
            AnalyzersPath = Path.GetFullPath(values.GetValueOrDefault("--analyzers") ?? Path.Combine(root, "analyzers", "OpsKit.Analyzers", "bin", "Release", "netstandard2.0", "OpsKit.Analyzers.dll")),
            OutDirectory = Path.GetFullPath(values.GetValueOrDefault("--out") ?? Path.Combine(Environment.CurrentDirectory, "artifacts", "field")),
            CacheDirectory = Path.GetFullPath(values.GetValueOrDefault("--cache") ?? Environment.GetEnvironmentVariable("OPSKIT_FIELD_CACHE") ?? "/work/field-cache"),
            Rules = List(values.GetValueOrDefault("--rules"))?.Select(r => r.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal),
            Repos = List(values.GetValueOrDefault("--repo")),
            Modes = mode.ToUpperInvariant() switch
            {
                "HALF" => [CompileMode.Half],
                "RESTORED" => [CompileMode.Restored],
                "BOTH" => [CompileMode.Half, CompileMode.Restored],
                _ => throw new ArgumentException($"--mode must be half, restored or both, not '{mode}'."),
            },
            Meziantou = !flags.Contains("--no-meziantou"),
            EveryProject = flags.Contains("--every-project"),
            Runs = runs >= 1 ? runs : throw new ArgumentException("--runs must be at least 1."),
            Order = values.GetValueOrDefault("--order", "shuffled").ToUpperInvariant() switch
            {
                "SHUFFLED" => AnalyzerOrder.Shuffled,
                "FIXED" => AnalyzerOrder.Fixed,
                var order => throw new ArgumentException($"--order must be shuffled or fixed, not '{order.ToLowerInvariant()}'."),
            },
            SelfCheck = flags.Contains("--self-check"),
        };
    }

    /// <summary>The repository this runner was built from: the first directory above the binary holding OpsKit.slnx.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
