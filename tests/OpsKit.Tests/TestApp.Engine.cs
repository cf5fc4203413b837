using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;

namespace OpsKit.Tests;

internal sealed partial class TestApp
{
    // The engine tests run checks every 200 ms to stay fast; operators cannot configure less than 1 s.
    static partial void ConfigureEngine(WebApplicationBuilder builder) =>
        builder.Services.Configure<OpsHealthOptions>(o => o.MinimumPeriod = TimeSpan.FromMilliseconds(100));
}
