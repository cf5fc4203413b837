using System.Net;

namespace OpsKit.Probes.Internal;

/// <summary>The configured probe ports by configuration key, and their validation (every message names the key).</summary>
internal static class ProbePorts
{
    public const string LiveKey = OpsProbeListenerOptions.SectionName + ":" + nameof(OpsProbeListenerOptions.LivePort);
    public const string ReadyKey = OpsProbeListenerOptions.SectionName + ":" + nameof(OpsProbeListenerOptions.ReadyPort);
    public const string StartupKey = OpsProbeListenerOptions.SectionName + ":" + nameof(OpsProbeListenerOptions.StartupPort);
    public const string HttpKey = OpsProbeListenerOptions.SectionName + ":" + nameof(OpsProbeListenerOptions.HttpPort);

    public static IPAddress Address(OpsProbeListenerOptions options) =>
        options.Address == OpsProbeAddress.Loopback ? IPAddress.Loopback : IPAddress.IPv6Any;

    public static IEnumerable<(string Key, int Port)> Configured(OpsProbeListenerOptions options)
    {
        (string Key, int? Port)[] all =
            [(LiveKey, options.LivePort), (ReadyKey, options.ReadyPort), (StartupKey, options.StartupPort), (HttpKey, options.HttpPort)];
        return all.Where(p => p.Port is not null).Select(p => (p.Key, p.Port!.Value));
    }

    public static IEnumerable<string> Validate(OpsProbeListenerOptions options)
    {
        var taken = new Dictionary<int, string>();
        foreach (var (key, port) in Configured(options))
        {
            if (port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
            {
                yield return $"{key} must be a port between 1 and 65535 (was {port.ToString(CultureInfo.InvariantCulture)}).";
            }
            else if (!taken.TryAdd(port, key))
            {
                yield return $"{key}: port {port.ToString(CultureInfo.InvariantCulture)} is also {taken[port]}; each probe needs a port of its own.";
            }
        }

        if (!Enum.IsDefined(options.Address))
        {
            yield return $"{OpsProbeListenerOptions.SectionName}:{nameof(OpsProbeListenerOptions.Address)} must be Any or Loopback.";
        }
    }
}
