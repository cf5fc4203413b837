using Microsoft.Extensions.Options;
using OpsKit.Slo;
using OpsKit.Slo.Internal;

namespace OpsKit.Tests.Slo;

internal static class SloMonitorFactory
{
    public static SloMonitor Create(TimeProvider time, params (string Name, string? Route)[] objectives)
    {
        var options = new OpsSloOptions();
        foreach (var (name, route) in objectives)
        {
            options.Objectives[name] = new OpsSloObjectiveOptions { Route = route, Preset = "web-api", MinRequests = 1 };
        }

        return new SloMonitor(Options.Create(options), time);
    }
}
