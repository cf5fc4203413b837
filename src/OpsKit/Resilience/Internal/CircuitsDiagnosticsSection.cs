using System.Text.Json;
using OpsKit.Hosting;

namespace OpsKit.Resilience.Internal;

/// <summary>The <c>circuits</c> section of the diagnostics bundle: every circuit breaker's state, by pipeline and endpoint.</summary>
internal sealed class CircuitsDiagnosticsSection(CircuitStateRegistry circuits) : IOpsDiagnosticsSection
{
    public string Name => "circuits";

    public void WriteValue(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var (pipeline, endpoint, state) in circuits.All().OrderBy(c => c.Pipeline, StringComparer.Ordinal).ThenBy(c => c.Endpoint, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("pipeline", pipeline);
            json.WriteString("endpoint", endpoint);
            json.WriteString("state", CircuitStateRegistry.Label(state));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
