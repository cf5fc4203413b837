using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpsKit.Tests.Checks;

public sealed class ConfiguredChecksTests
{
    [Fact]
    public async Task File_system_types_declared_only_in_configuration_run_like_code_registrations()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var data = directory.CreateSubdirectory("data", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        TestCertificates.WritePem(data, "ok", DateTimeOffset.UtcNow.AddDays(60));

        await using var app = await CheckApp.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:disk:Type"] = "disk",
            ["OpsKit:Health:Checks:disk:Path"] = data,
            ["OpsKit:Health:Checks:disk:DegradedAt"] = "0.999",
            ["OpsKit:Health:Checks:disk:UnhealthyAt"] = "1",
            ["OpsKit:Health:Checks:uploads:Type"] = "directory",
            ["OpsKit:Health:Checks:uploads:Path"] = data,
            ["OpsKit:Health:Checks:mode:Type"] = "permissions",
            ["OpsKit:Health:Checks:mode:Path"] = data,
            ["OpsKit:Health:Checks:mode:MaxMode"] = "0700",
            ["OpsKit:Health:Checks:fresh:Type"] = "freshness",
            ["OpsKit:Health:Checks:fresh:Path"] = data,
            ["OpsKit:Health:Checks:fresh:MaxAge"] = "01:00:00",
            ["OpsKit:Health:Checks:tls:Type"] = "certificate",
            ["OpsKit:Health:Checks:tls:Path"] = data,
        });

        foreach (var name in new[] { "disk", "uploads", "mode", "fresh", "tls" })
        {
            await app.WaitForAsync(name, "Healthy");
        }
    }

    [Fact]
    public async Task Network_types_declared_only_in_configuration_run_like_code_registrations()
    {
        using var certificate = TestCertificates.Create("localhost", DateTimeOffset.UtcNow.AddDays(60));
        await using var tls = await StubServer.StartAsync(a => a.MapGet("/", () => "ok"), certificate);
        await using var stub = await StubServer.StartAsync(a => a.MapGet("/health", () => Results.Json(new { status = "yellow" })));

        await using var app = await CheckApp.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:gateway:Type"] = "http",
            ["OpsKit:Health:Checks:gateway:Url"] = stub.Url("/health").ToString(),
            ["OpsKit:Health:Checks:gateway:JsonPath"] = "$.status",
            ["OpsKit:Health:Checks:gateway:HealthyValues:0"] = "green",
            ["OpsKit:Health:Checks:gateway:DegradedValues:0"] = "yellow",
            ["OpsKit:Health:Checks:mongo:Type"] = "tcp",
            ["OpsKit:Health:Checks:mongo:Host"] = "127.0.0.1",
            ["OpsKit:Health:Checks:mongo:Port"] = stub.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpsKit:Health:Checks:mongo:Critical"] = "false",
            ["OpsKit:Health:Checks:clock:Type"] = "clockskew",
            ["OpsKit:Health:Checks:clock:Url"] = stub.Url("/health").ToString(),
            ["OpsKit:Health:Checks:remote-tls:Type"] = "certificate",
            ["OpsKit:Health:Checks:remote-tls:Host"] = "127.0.0.1",
            ["OpsKit:Health:Checks:remote-tls:Port"] = tls.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal("yellow", (await app.WaitForAsync("gateway", "Degraded")).Data().GetProperty("json_value").GetString());
        Assert.False((await app.WaitForAsync("mongo", "Healthy")).GetProperty("critical").GetBoolean());
        await app.WaitForAsync("clock", "Healthy");
        await app.WaitForAsync("remote-tls", "Healthy");
    }

    [Fact]
    public async Task Runtime_types_declared_only_in_configuration_run_like_code_registrations()
    {
        await using var app = await CheckApp.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:memory:Type"] = "memory",
            ["OpsKit:Health:Checks:memory:LimitBytes"] = "1024",
            ["OpsKit:Health:Checks:cpu:Type"] = "cpu",
            ["OpsKit:Health:Checks:cpu:DegradedAt"] = "0.98",
            ["OpsKit:Health:Checks:cpu:UnhealthyAt"] = "0.99",
            ["OpsKit:Health:Checks:filedescriptors:Type"] = "filedescriptors",
            ["OpsKit:Health:Checks:threadpool:Type"] = "threadpool",
            ["OpsKit:Health:Checks:threadpool:UnhealthyAt"] = "100000",
        });

        // A 1 KiB limit is exceeded by any process: the configured limit is the one applied.
        var memory = await app.WaitForAsync("memory", "Unhealthy");
        Assert.Equal("configured", memory.Data().GetProperty("limit_source").GetString());
        Assert.Equal(1024, memory.Data().GetProperty("limit_bytes").GetInt64());
        Assert.True((await app.WaitForAsync("cpu", "Healthy")).Data().GetProperty("processor_count").GetInt32() > 0);
        await app.WaitForAsync("filedescriptors", "Healthy");
        await app.WaitForAsync("threadpool", "Healthy");
    }

    [Fact]
    public async Task Configuration_overrides_thresholds_set_in_code()
    {
        await using var app = await CheckApp.StartAsync(
            h => h.AddDiskSpace("data", AppContext.BaseDirectory, o => o.UnhealthyAt = 1),
            new Dictionary<string, string?> { ["OpsKit:Health:Checks:data:DegradedAt"] = "0", ["OpsKit:Health:Checks:data:UnhealthyAt"] = "0.0001" });

        await app.WaitForAsync("data", "Unhealthy");
    }

    [Fact]
    public async Task Url_with_user_info_is_rejected_without_printing_it()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CheckApp.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:x:Type"] = "http",
            ["OpsKit:Health:Checks:x:Url"] = "ftp://admin:Hx9-topsecret@files.internal/",
        }));

        Assert.Contains("OpsKit:Health:Checks:x:Url must be an absolute http or https URL.", error.Failures);
        Assert.DoesNotContain("Hx9-topsecret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disk", "DegradedAt", "1.5", "OpsKit:Health:Checks:x:DegradedAt must be between 0 and 1.")]
    [InlineData("disk", "DegradedAt", "0.95", "OpsKit:Health:Checks:x:DegradedAt must be less than OpsKit:Health:Checks:x:UnhealthyAt.")]
    [InlineData("disk", "Pth", "/tmp", "OpsKit:Health:Checks:x:Pth is not a known key of a 'disk' check.")]
    [InlineData("directory", "Mode", "0999", "OpsKit:Health:Checks:x:Mode must be an octal Unix mode such as 0750.")]
    [InlineData("directory", "Create", "true", "OpsKit:Health:Checks:x:Path is required.")]
    [InlineData("permissions", "MaxMode", "0640", "OpsKit:Health:Checks:x:Path is required.")]
    [InlineData("freshness", "Path", "/tmp", "OpsKit:Health:Checks:x:MaxAge is required.")]
    [InlineData("certificate", "WarnDays", "30", "OpsKit:Health:Checks:x:Path is required (or OpsKit:Health:Checks:x:Host and Port for a TLS endpoint).")]
    [InlineData("http", "Method", "GET", "OpsKit:Health:Checks:x:Url is required.")]
    [InlineData("http", "Url", "/health", "OpsKit:Health:Checks:x:Url must be an absolute http or https URL.")]
    [InlineData("http", "Url", "ftp://files.internal/", "OpsKit:Health:Checks:x:Url must be an absolute http or https URL.")]
    [InlineData("http", "JsonPath", "status", "OpsKit:Health:Checks:x:JsonPath must be a path like $.status or $.items[0].state.")]
    [InlineData("http", "ExpectedStatus", "ok", "OpsKit:Health:Checks:x:ExpectedStatus must list status codes, classes or ranges, e.g. 2xx or 200,204 or 200-399.")]
    [InlineData("tcp", "Port", "27017", "OpsKit:Health:Checks:x:Host is required.")]
    [InlineData("tcp", "Host", "mongodb", "OpsKit:Health:Checks:x:Port is required.")]
    [InlineData("clockskew", "DegradedAfter", "00:00:00", "OpsKit:Health:Checks:x:Url is required.")]
    [InlineData("memory", "UnhealthyAt", "1.2", "OpsKit:Health:Checks:x:UnhealthyAt must be between 0 and 1.")]
    [InlineData("memory", "LimitBytes", "0", "OpsKit:Health:Checks:x:LimitBytes must be greater than zero.")]
    [InlineData("cpu", "Window", "00:00:00", "OpsKit:Health:Checks:x:Window must be greater than zero.")]
    [InlineData("filedescriptors", "DegradedAt", "-0.1", "OpsKit:Health:Checks:x:DegradedAt must be between 0 and 1.")]
    [InlineData("threadpool", "UnhealthyAt", "50", "OpsKit:Health:Checks:x:UnhealthyAt must be greater than OpsKit:Health:Checks:x:DegradedAt.")]
    [InlineData("certificate", "UnhealthyDays", "10", "OpsKit:Health:Checks:x:DegradedDays must be greater than OpsKit:Health:Checks:x:UnhealthyDays.")]
    public async Task Bad_values_fail_start_up_naming_the_key(string type, string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:x:Type"] = type,
            [$"OpsKit:Health:Checks:x:{key}"] = value,
        };
        if (type is "disk" || (type is "certificate" && key != "WarnDays"))
        {
            settings["OpsKit:Health:Checks:x:Path"] = "/tmp";
        }

        if (type is "http" && key is "JsonPath" or "ExpectedStatus")
        {
            settings["OpsKit:Health:Checks:x:Url"] = "http://127.0.0.1/";
            settings["OpsKit:Health:Checks:x:HealthyValues:0"] = "green";
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CheckApp.StartAsync(_ => { }, settings));

        // StartsWith: an unknown key's message goes on with the nearest known key.
        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
