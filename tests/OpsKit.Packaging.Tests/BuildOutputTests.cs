namespace OpsKit.Packaging.Tests;

/// <summary>The assertion helper the analyzer rules will use against the consumer build.</summary>
public sealed class BuildOutputTests
{
    private const string WarningLine =
        "/work/nuget/consumer/Program.cs(3,11): warning OPS0001: The application maps no health endpoint [/work/nuget/consumer/OpsKit.Consumer.csproj]";

    [Fact]
    public void AssertBuildReports_passes_when_the_build_printed_the_rule_as_a_warning()
    {
        var output = new BuildOutput($"Build started{Environment.NewLine}{WarningLine}{Environment.NewLine}Build succeeded.");

        output.AssertBuildReports("OPS0001");
    }

    [Fact]
    public void AssertBuildReports_fails_when_the_rule_was_not_reported()
    {
        var output = new BuildOutput($"Build started{Environment.NewLine}{WarningLine}{Environment.NewLine}Build succeeded.");

        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => output.AssertBuildReports("OPS0002"));
        Assert.Contains("did not report OPS0002", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertBuildReports_ignores_a_rule_id_that_is_only_mentioned_outside_a_diagnostic()
    {
        var output = new BuildOutput("csc /nowarn:OPS0001 /analyzer:OpsKit.Analyzers.dll Program.cs\nOPS0001 is documented in docs/rules/OPS0001.md");

        Assert.Throws<Xunit.Sdk.XunitException>(() => output.AssertBuildReports("OPS0001"));
    }

    [Fact]
    public void AssertBuildReports_does_not_mistake_a_longer_rule_id_for_the_one_asked()
    {
        var output = new BuildOutput(WarningLine.Replace("OPS0001", "OPS00010", StringComparison.Ordinal));

        Assert.Throws<Xunit.Sdk.XunitException>(() => output.AssertBuildReports("OPS0001"));
    }
}
