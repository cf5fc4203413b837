using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Security;

namespace OpsKit.Tests.Security;

public sealed class RecordSecurityEventTests
{
    private static ServiceProvider Services() =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpsKit:Security:EventTypes:suspicious_activity:0"] = "login_burst",
                ["OpsKit:Security:EventTypes:suspicious_activity:1"] = "impossible_travel",
            }).Build())
            .AddOpsSecuritySignals()
            .BuildServiceProvider();

    [Fact]
    public void Registered_type_and_reason_are_counted()
    {
        using var services = Services();
        using var events = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.security.events");

        services.GetRequiredService<ISecuritySignals>().RecordSecurityEvent("suspicious_activity", "login_burst", IPAddress.Loopback);

        var measurement = Assert.Single(events.GetMeasurementSnapshot());
        Assert.Equal("suspicious_activity", measurement.Tags["type"]);
        Assert.Equal("login_burst", measurement.Tags["reason"]);
    }

    [Theory]
    [InlineData("suspicious_activty", "login_burst", "type")]
    [InlineData("suspicious_activity", "user-typed value", "reason")]
    [InlineData("auth_failure", "login_burst", "reason")]
    public void Unregistered_values_are_rejected_and_never_become_labels(string type, string reason, string parameter)
    {
        using var services = Services();
        using var events = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.security.events");
        var signals = services.GetRequiredService<ISecuritySignals>();

        var error = Assert.Throws<ArgumentException>(() => signals.RecordSecurityEvent(type, reason));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(events.GetMeasurementSnapshot());
    }
}
