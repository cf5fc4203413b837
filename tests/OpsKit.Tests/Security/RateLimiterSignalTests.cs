using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Tests.Security;

public sealed class RateLimiterSignalTests
{
    [Fact]
    public async Task Rejected_requests_are_counted_and_the_application_callback_still_runs()
    {
        var callbacks = 0;
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddRateLimiter(o =>
                {
                    o.RejectionStatusCode = 429;
                    o.AddFixedWindowLimiter("one", w => { w.PermitLimit = 1; w.Window = TimeSpan.FromHours(1); w.QueueLimit = 0; });
                    o.OnRejected = (_, _) => { Interlocked.Increment(ref callbacks); return ValueTask.CompletedTask; };
                });
                builder.Services.AddOpsSecuritySignals();
            },
            new Dictionary<string, string?> { ["OpsKit:Security:EventTypes:rate_limit_exceeded:0"] = "one" },
            map: app =>
            {
                app.UseRateLimiter();
                app.MapGet("/limited", () => "ok").RequireRateLimiting("one");
            });
        using var events = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.security.events");

        var first = await app.Client.GetAsync("/limited");
        var second = await app.Client.GetAsync("/limited");

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal(1, SecurityTestHost.Sum(events, ("type", "rate_limit_exceeded"), ("reason", "one")));
        Assert.Equal(1, callbacks);
    }
}
