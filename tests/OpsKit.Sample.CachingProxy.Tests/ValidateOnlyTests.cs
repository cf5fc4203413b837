namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary><c>--opskit-validate</c> with bad cache bounds: every key reported, a clean exit code, nothing swept.</summary>
public sealed class ValidateOnlyTests
{
    private const string Sample = "OpsKit.Sample.CachingProxy";

    [Fact]
    public async Task Bad_cache_bounds_are_reported_by_key_and_validation_exits_1_without_starting_the_caches()
    {
        using var closed = new ClosedPort();
        var cache = Directory.CreateTempSubdirectory("opskit-validate-cache-");
        try
        {
            var kept = Path.Combine(cache.FullName, "old.bin");
            await File.WriteAllBytesAsync(kept, new byte[1024]);
            File.SetLastWriteTimeUtc(kept, DateTime.UtcNow.AddDays(-60));

            var (exitCode, output) = await SampleProcess.RunAsync(
                Sample,
                new Dictionary<string, string>
                {
                    ["ArtifactVault__CacheDirectory"] = cache.FullName,
                    ["OpsKit__Caching__Disk__artifact-files__MaxBytes"] = "0",
                    ["OpsKit__Caching__Disk__artifact-files__SweepInterval"] = "00:00:00.100",
                    ["OpsKit__Caching__artifacts__SizeLimit"] = "0",
                    ["OpsKit__Resilience__Pipelines__apache__Endpoints__0__Url"] = closed.Url.ToString(),
                    ["OpsKit__Resilience__Pipelines__maven__Endpoints__0__Url"] = closed.Url.ToString(),
                },
                "--opskit-validate");

            Assert.True(exitCode == 1, output);
            Assert.Contains("OpsKit:Caching:Disk:artifact-files:MaxBytes must be greater than zero.", output, StringComparison.Ordinal);
            Assert.Contains("OpsKit:Caching:artifacts:SizeLimit", output, StringComparison.Ordinal);
            Assert.Contains("OpsKit validation failed", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            Assert.True(File.Exists(kept), "validate-only must not sweep the cache directory");
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
