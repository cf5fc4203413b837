using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Tests.Security;

public sealed class AntiforgerySignalTests
{
    [Fact]
    public async Task Form_post_without_an_antiforgery_token_is_counted_as_a_csrf_failure()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddAntiforgery();
                builder.Services.AddOpsSecuritySignals();
            },
            map: app =>
            {
                app.UseAntiforgery();
                app.MapPost("/form", ([FromForm] string name) => name);
            });
        using var events = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.security.events");

        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("name", "mallory")]);
        using var response = await app.Client.PostAsync("/form", form);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(1, SecurityTestHost.Sum(events, ("type", "csrf_failure"), ("reason", "invalid_token")));
    }
}
