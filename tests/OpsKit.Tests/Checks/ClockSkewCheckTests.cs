using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Tests.Checks;

public sealed class ClockSkewCheckTests
{
    [Fact]
    public async Task Server_clock_30_seconds_ahead_is_Degraded_and_in_step_is_Healthy()
    {
        var offset = TimeSpan.FromSeconds(30);
        await using var stub = await StubServer.StartAsync(app => app.MapGet("/", (HttpContext context) =>
        {
            context.Response.Headers.Date = (DateTimeOffset.UtcNow + offset).ToString("R");
            return "ok";
        }));
        await using var app = await CheckApp.StartAsync(h => h.AddClockSkew("clock", stub.Url("/")));

        var skewed = await app.WaitForAsync("clock", "Degraded");
        Assert.InRange(skewed.Data().GetProperty("skew_seconds").GetDouble(), -31.5, -28.5);

        offset = TimeSpan.Zero;
        var ok = await app.WaitForAsync("clock", "Healthy");
        Assert.InRange(ok.Data().GetProperty("skew_seconds").GetDouble(), -1.5, 1.5);
    }
}
