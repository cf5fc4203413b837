using System.Buffers;
using System.Text.Json;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Writes the detailed JSON and the AspNetCore.HealthChecks.UI shape with <see cref="Utf8JsonWriter"/> from an
/// already-redacted snapshot. No reflection-based serialization.
/// </summary>
internal static class HealthJsonWriter
{
    public static void WriteDetailed(
        IBufferWriter<byte> output,
        HealthSnapshot snapshot,
        HealthStatus status,
        string? reason,
        DateTimeOffset now,
        IReadOnlyList<IHealthDetailsSection> sections,
        IReadOnlyDictionary<string, OpsProbeStatus> groupVerdicts,
        HealthGroup? only = null)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("status", status.ToString());
        if (reason is not null)
        {
            json.WriteString("reason", reason);
        }

        json.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("durationMs", Round(TotalDuration(snapshot).TotalMilliseconds));
        json.WriteStartObject("checks");
        for (var i = 0; i < snapshot.Checks.Count; i++)
        {
            var check = snapshot.Checks[i];
            if (only is not null && !only.Contains(check))
            {
                continue;
            }

            var entry = snapshot.Entries[i];
            json.WriteStartObject(check.Name);
            json.WriteString("status", entry?.Status.ToString() ?? "Pending");
            json.WriteBoolean("critical", check.Critical);
            json.WriteString("readiness", check.Readiness == CheckReadiness.Degrade ? "Degrade" : "Required");
            json.WriteStartArray("tags");
            foreach (var tag in check.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            if (entry is not null)
            {
                json.WriteNumber("durationMs", Round(entry.Duration.TotalMilliseconds));
                json.WriteString("lastRun", entry.LastRun);
                json.WriteString("lastChange", entry.LastChange);
                json.WriteNumber("consecutive_failures", entry.ConsecutiveFailures);
                if (entry.Description is { } description)
                {
                    json.WriteString("description", description);
                }

                if (entry.Data.Count > 0)
                {
                    json.WriteStartObject("data");
                    foreach (var (key, value) in entry.Data)
                    {
                        json.WritePropertyName(key);
                        WriteValue(json, value);
                    }

                    json.WriteEndObject();
                }

                if (entry.Error is { } error)
                {
                    WriteError(json, error);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (only is null && snapshot.Groups.Count > 0)
        {
            WriteGroups(json, snapshot, groupVerdicts);
        }

        foreach (var section in sections)
        {
            json.WritePropertyName(section.Name);
            section.WriteValue(json);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes <c>"groups"</c>: each group as its endpoint answers it, with its path and checks.</summary>
    private static void WriteGroups(Utf8JsonWriter json, HealthSnapshot snapshot, IReadOnlyDictionary<string, OpsProbeStatus> verdicts)
    {
        json.WriteStartObject("groups");
        foreach (var group in snapshot.Groups)
        {
            json.WriteStartObject(group.Name);
            if (verdicts.TryGetValue(group.Name, out var verdict))
            {
                json.WriteString("status", verdict.Status.ToString());
                if (verdict.Reason is { } reason)
                {
                    json.WriteString("reason", reason);
                }
            }

            json.WriteString("path", group.Path);
            json.WriteStartArray("checks");
            foreach (var check in snapshot.Checks)
            {
                if (group.Contains(check))
                {
                    json.WriteStringValue(check.Name);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Writes <c>"error": {"category", "message"}</c>.</summary>
    internal static void WriteError(Utf8JsonWriter json, HealthError error)
    {
        json.WriteStartObject("error");
        json.WriteString("category", error.Category);
        json.WriteString("message", error.Message);
        json.WriteEndObject();
    }

    /// <summary>The shape of AspNetCore.HealthChecks.UI.Client's writer, from the redacted snapshot.</summary>
    public static void WriteHealthChecksUi(IBufferWriter<byte> output, HealthSnapshot snapshot, HealthStatus status)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("status", status.ToString());
        json.WriteString("totalDuration", TotalDuration(snapshot).ToString("c", CultureInfo.InvariantCulture));
        json.WriteStartObject("entries");
        for (var i = 0; i < snapshot.Checks.Count; i++)
        {
            var check = snapshot.Checks[i];
            if (snapshot.Entries[i] is not { } entry)
            {
                continue;
            }

            json.WriteStartObject(check.Name);
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }

            json.WriteEndObject();
            var description = entry.Description ?? entry.Error?.Message;
            if (description is not null)
            {
                json.WriteString("description", description);
            }

            json.WriteString("duration", entry.Duration.ToString("c", CultureInfo.InvariantCulture));
            if (entry.Error is { } error)
            {
                json.WriteString("exception", error.Message);
            }

            json.WriteString("status", entry.Status.ToString());
            json.WriteStartArray("tags");
            foreach (var tag in check.Tags)
            {
                json.WriteStringValue(tag);
            }

            // Then the app's own tags (and non-critical), which the UI shows and filters by, in a stable order.
            foreach (var tag in check.AllTags.Where(t => !check.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes a check data value: primitives as JSON primitives, sequences as arrays, maps as objects.</summary>
    internal static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int n:
                json.WriteNumberValue(n);
                break;
            case long n:
                json.WriteNumberValue(n);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(Math.Round(d, 4));
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(Math.Round(f, 4));
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case DateTimeOffset t:
                json.WriteStringValue(t);
                break;
            case DateTime t:
                json.WriteStringValue(t);
                break;
            case TimeSpan t:
                json.WriteNumberValue(Round(t.TotalMilliseconds));
                break;
            case Enum e:
                json.WriteStringValue(e.ToString());
                break;
            case IConvertible c when value.GetType().IsPrimitive:
                json.WriteNumberValue(c.ToDouble(CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                json.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, item);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static TimeSpan TotalDuration(HealthSnapshot snapshot)
    {
        var total = TimeSpan.Zero;
        foreach (var entry in snapshot.Entries)
        {
            if (entry is not null && entry.Duration > total)
            {
                total = entry.Duration;
            }
        }

        return total;
    }

    private static double Round(double value) => Math.Round(value, 1);
}
