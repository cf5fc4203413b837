using System.Text.RegularExpressions;

namespace OpsKit.Packaging.Tests;

/// <summary>The captured output of an MSBuild run, with assertions on the diagnostics it printed.</summary>
public sealed partial class BuildOutput
{
    public BuildOutput(string text)
    {
        Text = text;
    }

    public string Text { get; }

    /// <summary>
    /// Asserts that the build reported <paramref name="ruleId"/> as a diagnostic (MSBuild's
    /// <c>file(line,col): warning|error|info ID: message</c> form), not merely mentioned it somewhere in the log.
    /// For the analyzer rules: <c>AssertBuildReports("OPS0001")</c> once the rule ships.
    /// </summary>
    public void AssertBuildReports(string ruleId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);

        if (DiagnosticLines(ruleId).Count == 0)
        {
            var diagnostics = Text.Split('\n').Where(line => AnyDiagnostic().IsMatch(line)).Distinct(StringComparer.Ordinal).Take(40);
            throw new Xunit.Sdk.XunitException(
                $"The build did not report {ruleId}. Diagnostics it did report:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}"
                + $"{Environment.NewLine}--- end of the build output ---{Environment.NewLine}{DotnetCli.Tail(Text, 30)}");
        }
    }

    /// <summary>The distinct output lines that report <paramref name="ruleId"/> as a diagnostic.</summary>
    public IReadOnlyList<string> DiagnosticLines(string ruleId)
    {
        var pattern = new Regex($@":\s*(warning|error|info)\s+{Regex.Escape(ruleId)}\s*:", RegexOptions.CultureInvariant);
        return Text.Split('\n').Where(line => pattern.IsMatch(line)).Select(line => line.TrimEnd('\r')).Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@":\s*(warning|error|info)\s+[A-Z]+[0-9]+\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex AnyDiagnostic();
}
