namespace OpsKit.Sample.FileService.Tests;

/// <summary><c>--opskit-validate</c> with readiness values that do not exist: exit 1, each key named.</summary>
public sealed class ValidateOnlyReadinessTests
{
    [Fact]
    public async Task Unknown_readiness_values_are_reported_by_key_and_exit_code_1()
    {
        var (exitCode, output) = await SampleProcess.RunAsync("OpsKit.Sample.FileService", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = "Host=127.0.0.1;Port=1;Timeout=1",
            ["ConnectionStrings__redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=1000",
            ["OpsKit__Health__Readiness"] = "Sometimes",
            ["OpsKit__Health__Checks__postgres__Readiness"] = "Optional",
        }, "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Readiness must be one of Required, Degrade.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:postgres:Readiness must be one of Required, Degrade.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
