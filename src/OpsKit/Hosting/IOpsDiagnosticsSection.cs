using System.Text.Json;

namespace OpsKit.Hosting;

/// <summary>
/// A section of the diagnostics bundle (<c>GET /ops/diagnostics</c>, mapped by <c>MapOpsDiagnostics()</c>): an
/// integration package or an application adds the state only it can read, such as a connection pool or a client's
/// connections. Register implementations with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IOpsDiagnosticsSection, MySection&gt;())</c>.
/// </summary>
/// <remarks>
/// Writing must be cheap and must read in-memory state only: never run a check, call a dependency or block. The
/// bundle goes to operators but is kept free of secrets: write no passwords, tokens, connection strings or client
/// addresses. A section larger than the bundle's remaining space is left out and named in <c>omitted</c>; a section
/// that throws is reported by its exception type only.
/// </remarks>
public interface IOpsDiagnosticsSection
{
    /// <summary>The property name of the section in the bundle, camelCase (for example <c>postgres</c>).</summary>
    string Name { get; }

    /// <summary>Writes the section's value (one JSON object or array) at the writer's current position.</summary>
    /// <param name="json">The writer, positioned where the value goes.</param>
    void WriteValue(Utf8JsonWriter json);
}
