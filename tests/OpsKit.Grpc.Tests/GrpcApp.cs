using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;

namespace OpsKit.Grpc.Tests;

/// <summary>
/// A real Kestrel app whose endpoint speaks HTTP/2 without TLS (h2c, as a kubelet's gRPC probe does) with
/// <c>MapOpsHealth()</c> and <c>MapOpsGrpcHealth()</c>.
/// </summary>
internal static class GrpcApp
{
    public static Task<TestApp> StartAsync(
        Action<WebApplicationBuilder, OpsHealthBuilder> configure,
        IDictionary<string, string?> configuration)
    {
        return TestApp.StartAsync(
            b =>
            {
                b.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
                configure(b, b.Services.AddOpsGrpcHealth());
            },
            configuration,
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsGrpcHealth();
            });
    }
}
