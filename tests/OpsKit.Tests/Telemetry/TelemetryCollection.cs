namespace OpsKit.Tests.Telemetry;

/// <summary>
/// A meter provider listens to every meter with a given name in the process, so an app's <c>/metrics</c> would also
/// show the OpsKit and ASP.NET Core instruments of apps other tests run at the same time (unlabelled gauges such as
/// <c>opskit_health_status</c> would mix). Telemetry tests therefore run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
