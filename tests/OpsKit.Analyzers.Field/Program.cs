using System.Text.Json;
using OpsKit.Analyzers.Field;
using OpsKit.Analyzers.Field.Labels;
using OpsKit.Analyzers.Field.Reporting;

// Measures; never gates: exit code 0 unless the runner itself fails (bad options, missing analyzer assembly, crash).
FieldOptions options;
try
{
    options = FieldOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options.SelfCheck)
{
    return await OpsKit.Analyzers.Field.SelfChecking.SelfCheck.RunAsync(options, Console.Error).ConfigureAwait(false);
}

if (!File.Exists(options.AnalyzersPath))
{
    Console.Error.WriteLine($"No analyzer assembly at {options.AnalyzersPath}: build it (dotnet build analyzers/OpsKit.Analyzers -c Release) or pass --analyzers.");
    return 2;
}

IReadOnlyList<LabelSite> sites;
try
{
    sites = LabelSet.Load(options.LabelsDirectory, Console.Error);
}
catch (Exception ex) when (ex is InvalidDataException or JsonException)
{
    Console.Error.WriteLine($"Labels in {options.LabelsDirectory} cannot be read: {ex.Message}");
    return 2;
}

var report = await new FieldRun(options, Console.Error).RunAsync(sites, "OpsKit.Analyzers.Field " + string.Join(' ', args)).ConfigureAwait(false);
var markdown = MarkdownReport.Render(report);
Directory.CreateDirectory(options.OutDirectory);
await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "field-report.md"), markdown).ConfigureAwait(false);
await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "field-summary.md"), SummaryReport.Render(report)).ConfigureAwait(false);
await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "field-report.json"), JsonSerializer.Serialize(report, FieldJsonContext.Default.FieldReport)).ConfigureAwait(false);
Console.Out.Write(markdown);
Console.Error.WriteLine($"report: {Path.Combine(options.OutDirectory, "field-report.md")}, field-summary.md and field-report.json ({report.WallSeconds:F0} s)");
return 0;
