using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contoso.OpsKit.TcpService;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;
using OpsKit.Hosting;
using OpsKit.Testing;
using OpsKit.Tests;

namespace OpsKit.Extensibility.Tests;

/// <summary>
/// A check written only against OpsKit's public API (tests/OpsKit.Extensibility.App/TcpService) behaves like a built-in
/// check: declared in configuration by its type, overridden from its section, in <c>/health</c> and <c>/metrics</c>.
/// </summary>
public sealed partial class TcpServiceCheckTests
{
    [Fact]
    public async Task A_check_declared_only_in_configuration_by_its_type_runs_and_is_healthy_in_the_health_json()
    {
        using var service = new TcpServiceListener();
        await using var app = await StartAsync(
            health => health.AddTcpServiceCheckType(),
            ("OpsKit:Health:Checks:orders:Type", "tcp-service"),
            ("OpsKit:Health:Checks:orders:Host", "127.0.0.1"),
            ("OpsKit:Health:Checks:orders:Port", service.Port.ToString(CultureInfo.InvariantCulture)));

        var check = await CheckAsync(app, "orders", c => c.GetProperty("status").GetString() == "Healthy");

        Assert.True(check.GetProperty("critical").GetBoolean());
        Assert.Equal(["ready"], check.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.InRange(check.GetProperty("durationMs").GetDouble(), 0, 5_000);
        Assert.False(check.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Its_section_overrides_the_thresholds_set_in_code()
    {
        using var service = new TcpServiceListener();
        await using var app = await StartAsync(
            health => health.AddTcpService("cache", o =>
            {
                o.Host = "127.0.0.1";
                o.Port = service.Port;
                o.DegradedAt = TimeSpan.FromMinutes(1);
                o.UnhealthyAt = TimeSpan.FromMinutes(2);
            }),
            ("OpsKit:Health:Checks:cache:DegradedAt", "00:00:00.0000001"));

        var check = await CheckAsync(app, "cache", c => c.GetProperty("status").GetString() != "Unknown");

        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Equal("threshold", check.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("(DegradedAt 00:00:00.0000001)", check.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_unhealthy_with_category_connection_refused_and_fails_readiness()
    {
        using var closed = new ClosedPort();
        await using var app = await StartAsync(
            health => health.AddTcpService("ledger", o =>
            {
                o.Host = "127.0.0.1";
                o.Port = closed.Port;
            }));

        var check = await CheckAsync(app, "ledger", c => c.GetProperty("status").GetString() == "Unhealthy");

        Assert.Equal("connection_refused", check.GetProperty("error").GetProperty("category").GetString());
        Assert.InRange(check.GetProperty("durationMs").GetDouble(), 0, 5_000);
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task A_member_of_a_check_family_is_not_run_while_its_root_check_is_unhealthy_and_names_it_as_the_cause()
    {
        using var closed = new ClosedPort();
        using var admin = new TcpServiceListener();
        await using var app = await StartAsync(
            health => health.AddTcpServiceWithAdminPort("ledger", "127.0.0.1", closed.Port, admin.Port));

        var member = await CheckAsync(app, "ledger.admin", c => c.GetProperty("status").GetString() == "Unhealthy");
        var root = await CheckAsync(app, "ledger", c => c.GetProperty("status").GetString() == "Unhealthy");

        Assert.Equal("dependency", member.GetProperty("error").GetProperty("category").GetString());
        Assert.Equal("ledger", member.GetProperty("data").GetProperty("dependency").GetString());
        Assert.Equal("connection_refused", root.GetProperty("error").GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_member_of_a_check_family_runs_on_its_own_options_while_its_root_check_is_healthy()
    {
        using var service = new TcpServiceListener();
        using var closed = new ClosedPort();
        await using var app = await StartAsync(
            health => health.AddTcpServiceWithAdminPort("ledger", "127.0.0.1", service.Port, closed.Port));

        var root = await CheckAsync(app, "ledger", c => c.GetProperty("status").GetString() == "Healthy");
        var member = await CheckAsync(app, "ledger.admin", c => c.GetProperty("status").GetString() == "Unhealthy");

        Assert.False(root.TryGetProperty("error", out _));
        Assert.Equal("connection_refused", member.GetProperty("error").GetProperty("category").GetString());
    }

    [Fact]
    public async Task Its_gauge_is_served_on_the_prometheus_endpoint_with_the_check_label()
    {
        using var service = new TcpServiceListener();
        await using var app = await StartAsync(
            health => health.AddTcpService("cache", o =>
            {
                o.Host = "127.0.0.1";
                o.Port = service.Port;
            }));
        await CheckAsync(app, "cache", c => c.GetProperty("status").GetString() == "Healthy");

        var metrics = await Eventually.Until(
            () => app.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => GaugeSample().IsMatch(text),
            TimeSpan.FromSeconds(10),
            "the tcp-service gauge is scraped");

        Assert.Contains("# TYPE opskit_tcp_service_latency_seconds gauge", metrics, StringComparison.Ordinal);
        var value = double.Parse(GaugeSample().Match(metrics).Groups["value"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(value, 0, 5);
    }

    [Fact]
    public async Task A_bad_threshold_is_reported_by_validate_only_in_one_report_with_a_built_in_checks_error()
    {
        using var service = new TcpServiceListener();
        var (exitCode, output) = await SampleProcess.RunAsync(
            SampleProcess.BinDirectory("tests", "OpsKit.Extensibility.App"),
            "OpsKit.Extensibility.App",
            new Dictionary<string, string>
            {
                ["OpsKit__Health__Checks__orders__Type"] = "tcp-service",
                ["OpsKit__Health__Checks__orders__Host"] = "127.0.0.1",
                ["OpsKit__Health__Checks__orders__Port"] = service.Port.ToString(CultureInfo.InvariantCulture),
                ["OpsKit__Health__Checks__orders__DegradedAt"] = "00:00:02",
                ["OpsKit__Health__Checks__orders__UnhealthyAt"] = "00:00:01",
                ["OpsKit__Health__Checks__disk__DegradedAt"] = "0.95",
                ["OpsKit__Health__Checks__disk__UnhealthyAt"] = "0.9",
            },
            "--opskit-validate");

        Assert.True(exitCode == 1, output);
        Assert.Contains("OpsKit:Health:Checks:orders:DegradedAt must be less than OpsKit:Health:Checks:orders:UnhealthyAt.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit:Health:Checks:disk:DegradedAt must be less than OpsKit:Health:Checks:disk:UnhealthyAt.", output, StringComparison.Ordinal);
        Assert.Contains("OpsKit validation failed: 2 problem(s).", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OpsKit_grants_its_internals_only_to_its_own_tests_and_benchmarks()
    {
        var granted = typeof(OpsHealthBuilder).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["OpsKit.Benchmarks", "OpsKit.Tests"], granted);
    }

    [Theory]
    [InlineData("tcp_service.latency")]
    [InlineData("opskit.TcpService.Latency")]
    [InlineData("opskit")]
    public void The_opskit_meter_rejects_an_instrument_name_outside_the_naming_conventions(string name)
    {
        using var services = new ServiceCollection().TryAddOpsKitMeter().BuildServiceProvider();
        var meter = services.GetRequiredService<OpsKitMeter>();

        var error = Assert.Throws<ArgumentException>(() => meter.CreateCounter<long>(name));
        Assert.Contains("opskit.", error.Message, StringComparison.Ordinal);
    }

    private static Task<TestApp> StartAsync(Action<OpsHealthBuilder> checks, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:Details"] = "Always",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return TestApp.StartAsync(
            builder =>
            {
                checks(builder.Services.AddOpsHealth());
                builder.Services.AddOpsTelemetry();
            },
            configuration,
            map: app =>
            {
                app.MapOpsHealth();
                app.MapOpsMetrics();
            });
    }

    private static async Task<JsonElement> CheckAsync(TestApp app, string name, Func<JsonElement, bool> until)
    {
        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.ValueKind == JsonValueKind.Object
                && r.Body.TryGetProperty("checks", out var checks)
                && checks.TryGetProperty(name, out var check)
                && until(check),
            TimeSpan.FromSeconds(10),
            $"check {name} reports");
        return response.Body.GetProperty("checks").GetProperty(name);
    }

    [GeneratedRegex("""^opskit_tcp_service_latency_seconds\{[^}]*check="cache"[^}]*\} (?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex GaugeSample();
}
