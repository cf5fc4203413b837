using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>S4-T2 "Cache directory not created" / "Permission denied" (S4-H3, S4-X1).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CacheDirectoryTests(ITestOutputHelper output)
{
    private const string Sample = "OpsKit.Sample.CachingProxy";

    private const UnixFileMode Mode0750 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private const UnixFileMode Mode0555 =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0777 = Mode0555 | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Fact]
    public async Task S4_T2_missing_cache_dir_is_created_0750_then_0555_fails_readiness_with_denied_and_0750_recovers_for_the_service_user()
    {
        // Root ignores modes, so the sample runs as nobody (SampleProcess.StartAsNobodyAsync); it may create its cache dir in "var" (0777).
        using var directory = await NobodyDirectory.CreateAsync();
        var cache = Path.Combine(directory.CreateSubdirectory("var", Mode0777), "artifact_cache");
        using var closedPort = new ClosedPort();
        var closed = closedPort.Url.ToString();
        var settings = new Dictionary<string, string>
        {
            ["ArtifactVault:CacheDirectory"] = cache,
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Resilience:Pipelines:apache:Endpoints:0:Url"] = closed,
            ["OpsKit:Resilience:Pipelines:maven:Endpoints:0:Url"] = closed,
        };

        Assert.False(Directory.Exists(cache));
        await using var sample = await SampleProcess.StartAsNobodyAsync(
            Sample,
            directory.Home,
            [
                $"--contentRoot={SampleProcess.BinDirectory(Sample)}",
                "--OpsKit:Health:ShutdownDelay=00:00:00",
                .. settings.Select(s => $"--{s.Key}={s.Value}"),
            ]);

        var created = await WaitForCheckAsync(sample, "cache-dir", "Healthy");
        Assert.Equal("0750", created.GetProperty("data").GetProperty("mode").GetString());
        Assert.Equal(Mode0750, File.GetUnixFileMode(cache));
        Assert.Equal(NobodyProcess.SwitchesUser ? NobodyProcess.User : Environment.UserName, await OwnerAsync(cache));
        // Polled: readiness is 503 "starting" until every check has run once, and cache-dir can be the first to finish.
        await Eventually.Until(async () => await sample.StatusAsync("/health/ready") == HttpStatusCode.OK, ProxyHost.N, "readiness is 200");

        File.SetUnixFileMode(cache, Mode0555);
        var readOnly = FaultClock.Start("S4-T2", "chmod-0555", FaultClock.N, output);
        var denied = await WaitForCheckAsync(sample, "cache-dir", "Unhealthy");
        Assert.Equal("permission", denied.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("denied", denied.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        await readOnly.UntilAsync(async () => await sample.StatusAsync("/health/ready") == HttpStatusCode.ServiceUnavailable, "readiness is 503");
        Assert.Equal(HttpStatusCode.OK, await sample.StatusAsync("/health/live"));

        File.SetUnixFileMode(cache, Mode0750);
        var writable = FaultClock.Start("S4-T2", "chmod-0750", FaultClock.N, output);
        await WaitForCheckAsync(sample, "cache-dir", "Healthy");
        await writable.UntilAsync(async () => await sample.StatusAsync("/health/ready") == HttpStatusCode.OK, "readiness is 200 again");
    }

    [Fact]
    public async Task S4_T2_world_writable_cache_dir_logs_a_startup_warning_and_the_permission_check_is_Degraded()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(
            stub.Url,
            configure: builder => builder.Services.AddFakeLogging(),
            cacheDirectory: root =>
            {
                var cache = Path.Combine(root, "cache");
                Directory.CreateDirectory(cache);
                File.SetUnixFileMode(cache, Mode0777);
                return cache;
            });

        var health = await proxy.WaitForCheckAsync("cache-dir.permissions", "Degraded");

        var check = health.GetProperty("checks").GetProperty("cache-dir.permissions");
        Assert.Equal("permission", check.GetProperty("error").GetProperty("category").GetString());
        Assert.Equal("0777", check.GetProperty("data").GetProperty("mode").GetString());
        Assert.Equal("0027", check.GetProperty("data").GetProperty("excess").GetString());
        var warning = proxy.Host.Services.GetFakeLogCollector().GetSnapshot().First(r =>
            r.Level == LogLevel.Warning && r.Message.Contains("cache-dir.permissions", StringComparison.Ordinal));
        Assert.Contains("0777", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown to Degraded", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>The directory's owner as <c>stat</c> shows it: the service user created it.</summary>
    private static async Task<string> OwnerAsync(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        var owner = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return owner.Trim();
    }

    private static async Task<JsonElement> WaitForCheckAsync(SampleProcess sample, string name, string status)
    {
        var health = await Eventually.Until(
            () => HealthAsync(sample),
            h => h.GetProperty("checks").TryGetProperty(name, out var c) && c.GetProperty("status").GetString() == status,
            ProxyHost.N,
            $"check {name} is {status}");
        return health.GetProperty("checks").GetProperty(name);
    }

    private static async Task<JsonElement> HealthAsync(SampleProcess sample)
    {
        // /health answers 503 while the overall status is Unhealthy: read the body whatever the code.
        using var response = await sample.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
