using System.Buffers;
using System.Text.Json;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>The request handlers behind <c>MapOpsCaches()</c>; JSON written with <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class CacheEndpointHandlers(OpsCaches caches, OperatorAccess operators, ILogger<CacheEndpointHandlers> logger)
{
    public Task StatsAsync(HttpContext context)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("caches");
            foreach (var cache in caches.All)
            {
                json.WritePropertyName(cache.Name);
                WriteStats(json, cache.GetStats());
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return JsonResponse.WriteAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory);
    }

    /// <summary><c>POST /ops/caches/{name}/clear</c>: a state change, for callers that pass <paramref name="policy"/>.</summary>
    public async Task ClearAsync(HttpContext context, string name, string? policy)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        if (!await operators.IsAllowedAsync(context, policy).ConfigureAwait(false))
        {
            operators.Denied(context, OperatorAction.CacheClear, name);
            using (var denied = new Utf8JsonWriter(buffer))
            {
                denied.WriteStartObject();
                denied.WriteString("error", "not authorized");
                denied.WriteEndObject();
            }

            await JsonResponse.WriteAsync(context, OperatorAccess.DenialStatus(context), buffer.WrittenMemory).ConfigureAwait(false);
            return;
        }

        var cache = caches.Find(name);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (cache is null)
            {
                json.WriteString("error", "no cache with that name");
            }
            else
            {
                operators.Allowed(context, OperatorAction.CacheClear, cache.Name);
                var cleared = cache.Clear();
                Log.Cleared(logger, cache.Name, cleared);
                json.WriteString("cache", cache.Name);
                json.WriteNumber("cleared", cleared);
            }

            json.WriteEndObject();
        }

        await JsonResponse.WriteAsync(context, cache is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, buffer.WrittenMemory).ConfigureAwait(false);
    }

    internal static void WriteStats(Utf8JsonWriter json, CacheStats stats)
    {
        json.WriteStartObject();
        json.WriteNumber("entries", stats.Entries);
        json.WriteNumber("size", stats.Size);
        json.WriteNumber("capacity", stats.Capacity);
        json.WriteNumber("hits", stats.Hits);
        json.WriteNumber("misses", stats.Misses);
        json.WriteNumber("hit_ratio", Math.Round(stats.HitRatio, 4));
        json.WriteStartObject("evictions");
        json.WriteNumber("capacity", stats.CapacityEvictions);
        json.WriteNumber("expired", stats.ExpiredEvictions);
        json.WriteNumber("removed", stats.RemovedEvictions);
        json.WriteNumber("replaced", stats.ReplacedEvictions);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
