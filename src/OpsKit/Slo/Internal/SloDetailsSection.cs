using System.Text.Json;
using OpsKit.Hosting.Internal;

namespace OpsKit.Slo.Internal;

/// <summary>
/// The <c>slo</c> section of the detailed health JSON, from the last evaluations:
/// <code>
/// "slo": { "&lt;name&gt;": { "route", "window", "window_seconds", "min_requests", "requests", "errors", "judged",
///   "state", "evaluated_at", "targets": { "p95": { "value", "unit", "warning", "critical", "state" }, … } } }
/// </code>
/// Latencies are in seconds, rates and availability are ratios 0–1; a missing threshold is omitted, a value is null
/// while the window holds no request.
/// </summary>
internal sealed class SloDetailsSection(SloMonitor monitor) : IHealthDetailsSection
{
    public string Name => "slo";

    public void WriteValue(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        foreach (var objective in monitor.Objectives)
        {
            var evaluation = objective.Last;
            var settings = objective.Settings;
            json.WriteStartObject(settings.Name);
            if (settings.Route is null)
            {
                json.WriteNull("route");
            }
            else
            {
                json.WriteString("route", settings.Route);
            }

            json.WriteString("window", settings.Window.ToString("c", CultureInfo.InvariantCulture));
            json.WriteNumber("window_seconds", settings.Window.TotalSeconds);
            json.WriteNumber("min_requests", settings.MinRequests);
            json.WriteNumber("requests", evaluation.Requests);
            json.WriteNumber("errors", evaluation.Errors);
            json.WriteBoolean("judged", evaluation.Judged);
            json.WriteString("state", SloEvaluation.Label(evaluation.State));
            json.WriteString("evaluated_at", evaluation.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("targets");
            foreach (var target in evaluation.Targets)
            {
                json.WriteStartObject(target.Target.Name);
                if (target.Value is { } value)
                {
                    json.WriteNumber("value", Math.Round(value, 6));
                }
                else
                {
                    json.WriteNull("value");
                }

                json.WriteString("unit", target.Target.Unit);
                if (target.Target.Warning is { } warning)
                {
                    json.WriteNumber("warning", warning);
                }

                if (target.Target.Critical is { } critical)
                {
                    json.WriteNumber("critical", critical);
                }

                json.WriteString("state", SloEvaluation.Label(target.State));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
