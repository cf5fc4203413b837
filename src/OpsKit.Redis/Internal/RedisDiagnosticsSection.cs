using System.Text.Json;
using OpsKit.Hosting;

namespace OpsKit.Redis.Internal;

/// <summary>
/// The <c>redis</c> section of the diagnostics bundle: per <c>AddRedis()</c> registration, the multiplexer's connection
/// state as the client knows it (no command is sent). Endpoints are shown, never the configuration string or password.
/// </summary>
internal sealed class RedisDiagnosticsSection(IServiceProvider services, IEnumerable<RedisTarget> targets) : IOpsDiagnosticsSection
{
    private readonly RedisTarget[] _targets = [.. targets];

    public string Name => "redis";

    public void WriteValue(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        foreach (var target in _targets)
        {
            json.WriteStartObject(target.Name);
            if (!target.Client.IsRegistered(services))
            {
                json.WriteString("error", $"no {target.Client.Description} is registered");
                json.WriteEndObject();
                continue;
            }

            var multiplexer = target.Client.Resolve(services);
            json.WriteBoolean("connected", multiplexer.IsConnected);
            json.WriteBoolean("connecting", multiplexer.IsConnecting);
            json.WriteNumber("operations", multiplexer.OperationCount);
            json.WriteNumber("outstanding", multiplexer.GetCounters().TotalOutstanding);
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
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
