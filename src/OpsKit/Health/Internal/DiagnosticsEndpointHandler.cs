using System.Buffers;
using System.Text.Json;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// <c>GET /ops/diagnostics</c>: one JSON document with what an operator collects first (health, recent transitions,
/// thread pool, GC, process, configuration provenance, and every <see cref="IOpsDiagnosticsSection"/>), for operators
/// only (<see cref="OperatorAccess"/>). At most <see cref="MaxBytes"/>: a part that does not fit is left out and named.
/// </summary>
internal sealed class DiagnosticsEndpointHandler(
    HealthEndpointHandlers health,
    HealthCheckRunner runner,
    OperatorAccess operators,
    IOptionsMonitor<OpsHealthOptions> options,
    IConfiguration configuration,
    HealthRedactor redactor,
    IEnumerable<IOpsDiagnosticsSection> sections,
    TimeProvider? time = null)
{
    /// <summary>The largest bundle, in bytes.</summary>
    public const int MaxBytes = 256 * 1024;

    // Room kept for the closing properties (omitted part names, flags) after the last part that fits.
    private const int ClosingReserve = 2048;

    private readonly IOpsDiagnosticsSection[] _sections = [.. sections];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task DiagnosticsAsync(HttpContext context)
    {
        if (!await operators.IsAllowedAsync(context, options.CurrentValue.DetailsPolicy).ConfigureAwait(false))
        {
            await HealthEndpointHandlers.DenyAsync(context).ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, 200, Build(MaxBytes)).ConfigureAwait(false);
    }

    internal ReadOnlyMemory<byte> Build(int maxBytes)
    {
        var now = _time.GetUtcNow();
        var configurationTruncated = false;
        var parts = new List<(string Name, Action<Utf8JsonWriter> WriteValue)>
        {
            ("health", json =>
            {
                var detailed = new ArrayBufferWriter<byte>(1024);
                health.WriteDetailed(detailed);
                json.WriteRawValue(detailed.WrittenSpan, skipInputValidation: true);
            }),
            ("transitions", WriteTransitions),
            ("threadPool", RuntimeFigures.WriteThreadPool),
            ("gc", RuntimeFigures.WriteGc),
            ("process", json => RuntimeFigures.WriteProcess(json, now)),
            ("configuration", json => configurationTruncated = ConfigurationProvenance.WriteValue(json, configuration, redactor)),
        };
        parts.AddRange(_sections.Select(s => (s.Name, (Action<Utf8JsonWriter>)s.WriteValue)));

        var output = new ArrayBufferWriter<byte>(16 * 1024);
        var omitted = new List<string>();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", now);
            foreach (var (name, write) in parts)
            {
                var value = Render(write);
                json.Flush();
                if (output.WrittenCount + name.Length + value.Length + ClosingReserve > maxBytes)
                {
                    omitted.Add(name);
                    continue;
                }

                json.WritePropertyName(name);
                json.WriteRawValue(value.Span, skipInputValidation: true);
            }

            if (configurationTruncated)
            {
                json.WriteBoolean("configurationTruncated", true);
            }

            if (omitted.Count > 0)
            {
                json.WriteBoolean("truncated", true);
                json.WriteStartArray("omitted");
                foreach (var name in omitted.Take(32))
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
            }

            json.WriteNumber("maxBytes", maxBytes);
            json.WriteEndObject();
        }

        return output.WrittenMemory;
    }

    private void WriteTransitions(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var transition in runner.Transitions.Recent())
        {
            json.WriteStartObject();
            json.WriteString("at", transition.At);
            json.WriteString("check", transition.Check);
            json.WriteString("from", transition.From);
            json.WriteString("to", transition.To);
            if (transition.Category is { } category)
            {
                json.WriteString("category", category);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>One part as JSON on its own; a part that fails shows the exception's type only (never its message).</summary>
    private static ReadOnlyMemory<byte> Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            using var json = new Utf8JsonWriter(buffer);
            write(json);
            json.Flush();
            if (json.CurrentDepth == 0 && buffer.WrittenCount > 0)
            {
                return buffer.WrittenMemory;
            }

        }
#pragma warning disable CA1031 // One failing section must not cost the operator the rest of the bundle.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return System.Text.Encoding.UTF8.GetBytes($$"""{"error":"{{ex.GetType().Name}}"}""");
        }

        return """{"error":"incomplete value"}"""u8.ToArray();
    }
}
