using System.Text.Json;
using OpsKit.Hosting;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// The <c>postgres</c> section of the diagnostics bundle: per <c>AddNpgsql()</c> registration, the client pool as
/// Npgsql's meter reports it now and the last values the checks measured. Never the connection string.
/// </summary>
internal sealed class PostgresDiagnosticsSection(IServiceProvider services, NpgsqlPoolMeter poolMeter, IEnumerable<PostgresTarget> targets)
    : IOpsDiagnosticsSection
{
    private readonly PostgresTarget[] _targets = [.. targets];

    public string Name => "postgres";

    public void WriteValue(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        foreach (var target in _targets)
        {
            json.WritePropertyName(target.Name);
            WriteTarget(json, target);
        }

        json.WriteEndObject();
    }

    private void WriteTarget(Utf8JsonWriter json, PostgresTarget target)
    {
        json.WriteStartObject();
        var pool = target.DataSource.IsRegistered(services)
            ? poolMeter.Read(target.PoolName ?? target.DataSource.Resolve(services).ConnectionString)
            : default;
        json.WriteStartObject("pool");
        json.WriteBoolean("found", pool.Found);
        if (pool.Found)
        {
            json.WriteNumber("busy", pool.Busy);
            json.WriteNumber("idle", pool.Idle);
            json.WriteNumber("max", pool.Max);
            json.WriteNumber("usage", Math.Round(pool.Usage, 3));
        }

        json.WriteEndObject();
        json.WriteNumber("exhaustedAcquisitions", target.Exhausted);
        if (target.Connections is { } connections)
        {
            json.WriteNumber("serverConnectionsUsage", Math.Round(connections.Usage, 3));
        }

        json.WriteEndObject();
    }
}
