using System.Text.Json;
using OpsKit.Hosting;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// The <c>redis</c> section of the diagnostics bundle: per <c>AddRedis()</c> registration, the multiplexer's connection
/// state as the client knows it (no command is sent); a registration without a multiplexer is left out (the start-up
/// report names it). Endpoints are shown, never the configuration string or password.
/// </summary>
internal sealed class RedisDiagnosticsSection(IServiceProvider services, IEnumerable<RedisTarget> targets) : IOpsDiagnosticsSection
{
    private readonly RedisTarget[] _targets = [.. targets];

    public string Name => "redis";

    public void WriteValue(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        foreach (var target in _targets.Where(t => t.Client.IsRegistered(services)))
        {
            var multiplexer = target.Client.Resolve(services);
            json.WriteStartObject(target.Name);
            json.WriteBoolean("connected", multiplexer.IsConnected);
            json.WriteBoolean("connecting", multiplexer.IsConnecting);
            json.WriteNumber("operations", multiplexer.OperationCount);
            json.WriteNumber("outstanding", multiplexer.GetCounters().TotalOutstanding);
            WriteServers(json, multiplexer);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteServers(Utf8JsonWriter json, IConnectionMultiplexer multiplexer)
    {
        json.WriteStartArray("servers");
        foreach (var server in multiplexer.GetServers())
        {
            json.WriteStartObject();
            json.WriteString("endpoint", server.EndPoint.ToString());
            json.WriteBoolean("connected", server.IsConnected);
            json.WriteBoolean("replica", server.IsReplica);
            json.WriteString("serverType", server.ServerType.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
