namespace OpsKit.Telemetry.Internal;

/// <summary>Registered once by <c>AddOpsTelemetry()</c>; <c>MapOpsMetrics()</c> looks for it.</summary>
internal sealed class OpsTelemetryMarker;
