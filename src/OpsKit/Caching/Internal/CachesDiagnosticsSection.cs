using System.Text.Json;
using OpsKit.Hosting;

namespace OpsKit.Caching.Internal;

/// <summary>The <c>caches</c> section of the diagnostics bundle: each cache's stats, as <c>GET /ops/caches</c> shows them.</summary>
internal sealed class CachesDiagnosticsSection(OpsCaches caches) : IOpsDiagnosticsSection
{
    public string Name => "caches";

    public void WriteValue(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        foreach (var cache in caches.All)
        {
            json.WritePropertyName(cache.Name);
            CacheEndpointHandlers.WriteStats(json, cache.GetStats());
        }

        json.WriteEndObject();
    }
}
