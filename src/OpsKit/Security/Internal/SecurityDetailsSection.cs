using System.Text.Json;
using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>
/// The <c>security</c> section of the detailed health JSON (authorized callers only): per event type with events, its
/// top offenders (<c>address</c>, <c>count</c>, <c>error</c> = how much the count may overestimate). Client addresses
/// live here and in the log, never in a metric label.
/// </summary>
internal sealed class SecurityDetailsSection(SecuritySignals signals) : IHealthDetailsSection
{
    public string Name => "security";

    public void WriteValue(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("top_offenders");
        foreach (var (type, table) in signals.Offenders.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var rows = table.Snapshot();
            if (rows.Count == 0)
            {
                continue;
            }

            json.WriteStartArray(type);
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("address", row.Address);
                json.WriteNumber("count", row.Count);
                json.WriteNumber("error", row.Error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
