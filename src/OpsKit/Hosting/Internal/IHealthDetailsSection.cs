using System.Text.Json;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// An extra top-level section of the detailed health JSON (for example <c>slo</c>), written only for callers
/// allowed details. Implementations read their own in-memory state: writing must be cheap and must never run a
/// check or call a dependency. Everything written goes to operators: keep it free of secrets and client addresses
/// unless the section exists to show them to authorized callers.
/// </summary>
internal interface IHealthDetailsSection
{
    /// <summary>The property name of the section, snake_case.</summary>
    string Name { get; }

    /// <summary>Writes the section's value (an object or array) at the writer's current position.</summary>
    void WriteValue(Utf8JsonWriter json);
}
