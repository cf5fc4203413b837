using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace OpsKit.Sample.FileService.Tests;

[Collection(SharedServersCollection.Name)]
public sealed class S1T6StorageDiskApiKeyTests(SharedServers shared, ITestOutputHelper output)
{
    private const UnixFileMode Mode0555 =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0777 = Mode0555 | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Fact]
    public async Task S1_T6_storage_root_with_mode_0555_makes_the_storage_check_unhealthy_permission_denied()
    {
        // Root ignores file modes, so the built sample runs as a separate process as user nobody. The storage root is
        // writable for nobody at start (0777) and made read-only while the sample runs: the chmod is the timed fault.
        using var directory = await NobodyDirectory.CreateAsync();
        var root = directory.CreateSubdirectory("storage", Mode0777);
        string[] args =
        [
            "--contentRoot=" + SampleProcess.BinDirectory("OpsKit.Sample.FileService"),
            "--ConnectionStrings:postgres=" + FileService.PostgresConnectionString(shared.Postgres, "callfs-s1-t6-storage"),
            "--ConnectionStrings:redis=" + FileService.RedisConnectionString(shared.Redis),
            "--CallFS:StorageRoot=" + root,
            "--Authentication:ApiKeys:0=" + FileService.ApiKey,
            "--OpsKit:Health:Period=00:00:01",
            "--OpsKit:Health:Timeout=00:00:02",
            "--OpsKit:Health:Details=Always",
            "--OpsKit:Health:ShutdownDelay=00:00:00",
        ];
        await using var sample = await SampleProcess.StartAsNobodyAsync("OpsKit.Sample.FileService", directory.Home, args);

        await Eventually.Until(
            () => StorageCheckAsync(sample),
            check => check.GetProperty("status").GetString() is "Healthy" or "Degraded",
            TimeSpan.FromSeconds(30),
            "the sample, started as nobody, can write its storage root");
        NobodyDirectory.SetMode(root, Mode0555);
        var storage = await FaultClock.Start("S1-T6", "storage-chmod-0555", FaultClock.N, output).UntilAsync(
            () => StorageCheckAsync(sample),
            check => check.GetProperty("status").GetString() == "Unhealthy",
            "the read-only storage root is reported");
        Assert.Equal("permission", storage.Category());
        Assert.Contains("denied", storage.Message(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await sample.StatusAsync("/health/ready"));
    }

    [Fact]
    public async Task S1_T6_disk_threshold_one_point_below_current_usage_degrades_the_disk_check_with_the_used_ratio()
    {
        using var storage = new StorageDirectory();
        var used = await Df.UsedRatioAsync(storage.Path);
        var degradedAt = used - 0.01;
        await using var host = await FileService.StartAsync(FileService.Settings(
            shared.Postgres, shared.Redis, "callfs-s1-t6-disk", storage.Path,
            extra:
            [
                ("OpsKit:Health:Checks:disk:DegradedAt", degradedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
                ("OpsKit:Health:Checks:disk:UnhealthyAt", (used + ((1 - used) / 2)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ]));

        var response = await Eventually.Until(
            () => host.GetJsonAsync("/health"),
            r => r.HasCheck("disk", "Degraded"),
            TimeSpan.FromSeconds(6),
            "the disk check crosses its Degraded threshold");

        var gauge = await host.MetricAsync("opskit_disk_utilization", $"path=\"{storage.Path}\"");
        // The volume is shared (other builds and test runs write and delete on it while the check runs): compare with the
        // usage range measured before the start and after the readings, each within half a point.
        var now = await Df.UsedRatioAsync(storage.Path);
        var (low, high) = (Math.Min(used, now) - 0.005, Math.Max(used, now) + 0.005);
        var disk = response.Check("disk");
        Assert.Equal("threshold", disk.Category());
        Assert.InRange(disk.GetProperty("data").GetProperty("used_ratio").GetDouble(), low, high);
        Assert.NotNull(gauge);
        Assert.InRange(gauge.Value, low, high);
    }

    [Fact]
    public async Task S1_T6_api_key_without_bearer_prefix_is_401_counted_as_bad_scheme_and_never_logged()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(
            FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t6-auth", storage.Path),
            builder => builder.Logging.AddFakeLogging(),
            waitForRedis: false);
        const string series = "opskit_security_events_total";
        string[] labels = ["type=\"auth_failure\"", "reason=\"bad_scheme\""];
        var before = await host.MetricAsync(series, labels) ?? 0;

        using var response = await host.SendAsync(HttpMethod.Get, "/files/test.txt", "your-api-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // The Prometheus exporter caches a scrape for a moment: poll until the count moves.
        var after = await Eventually.Until(() => host.MetricAsync(series, labels), v => v is not null && v != before, TimeSpan.FromSeconds(5), "the failure is counted");
        Assert.Equal(before + 1, after);
        var logs = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("bad_scheme", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Contains("your-api-key", StringComparison.Ordinal)
            || r.StructuredState?.Any(s => s.Value?.Contains("your-api-key", StringComparison.Ordinal) == true) == true);
    }

    [Fact]
    public async Task S1_T6_a_wrong_bearer_key_is_401_and_the_configured_key_stores_the_file()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t6-keys", storage.Path));

        using var wrong = await host.SendAsync(HttpMethod.Put, "/files/t6/a.txt", "Bearer not-the-key", new StringContent("x"));
        using var right = await host.SendAsync(HttpMethod.Put, "/files/t6/a.txt", "Bearer " + FileService.ApiKey, new StringContent("test content"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(1, await host.MetricAsync("opskit_security_events_total", "type=\"auth_failure\"", "reason=\"unknown_key\""));
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal("test content", await File.ReadAllTextAsync(Path.Combine(storage.Path, "t6", "a.txt")));
    }

    /// <summary>The storage check from <c>/health</c>, read whatever the status code (503 while it is Unhealthy).</summary>
    private static async Task<JsonElement> StorageCheckAsync(SampleProcess sample)
    {
        using var health = await sample.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var document = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("checks").GetProperty("storage").Clone();
    }
}
