using System.Diagnostics;
using OpenTelemetry;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// Removes span attributes whose value is a connection string before any trace exporter sees them. Npgsql tags its
/// spans with the data source's name, which is the connection string minus <c>Password</c> when the app did not name
/// the data source; a name the app chose (no <c>=</c> in it) stays.
/// </summary>
internal sealed class ConnectionStringSpanTags : BaseProcessor<Activity>
{
    private static readonly string[] Keys = ["db.npgsql.data_source", "db.connection_string"];

    public override void OnEnd(Activity data)
    {
        foreach (var key in Keys)
        {
            if (data.GetTagItem(key) is string value && value.Contains('=', StringComparison.Ordinal))
            {
                data.SetTag(key, null);
            }
        }
    }
}
