using System.Globalization;

namespace OpsKit.Soak;

/// <summary>
/// What a process's open descriptors are, counted by kind: TCP sockets by the port at the far end (or the near end for
/// connections Kestrel accepted) and state, other sockets, pipes, event descriptors and files by path. Comparing two
/// censuses names what was left open, where a plain count can only say that the number moved.
/// </summary>
internal static class DescriptorCensus
{
    private static readonly string[] TcpStates =
        ["?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"];

    /// <summary>Counts per kind; <paramref name="portNames"/> names the far-end ports of the servers the soak started.</summary>
    public static SortedDictionary<string, int> Take(int processId, IReadOnlyDictionary<int, string> portNames)
    {
        var pid = processId.ToString(CultureInfo.InvariantCulture);
        var sockets = TcpSockets(pid, portNames);
        var census = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            string kind;
            try
            {
                kind = Kind(new FileInfo(entry).LinkTarget ?? "?", sockets);
            }
            catch (IOException)
            {
                continue; // closed while we looked
            }

            census[kind] = census.GetValueOrDefault(kind) + 1;
        }

        return census;
    }

    /// <summary>The kinds whose count differs, as "kind: before -> after".</summary>
    public static IEnumerable<string> Difference(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k)} -> {after.GetValueOrDefault(k)}");

    private static string Kind(string target, Dictionary<string, string> sockets)
    {
        if (target.StartsWith("socket:[", StringComparison.Ordinal))
        {
            var inode = target["socket:[".Length..^1];
            return sockets.TryGetValue(inode, out var tcp) ? tcp : "socket (not TCP)";
        }

        if (target.StartsWith("pipe:", StringComparison.Ordinal))
        {
            return "pipe";
        }

        if (target.StartsWith("anon_inode:", StringComparison.Ordinal))
        {
            return target;
        }

        // Files: the directory is enough (log files, assemblies, the data directory).
        return "file " + (Path.GetDirectoryName(target) ?? target);
    }

    // inode -> "tcp <peer> <state>" from /proc/<pid>/net/tcp and tcp6 (the process's network namespace).
    private static Dictionary<string, string> TcpSockets(string pid, IReadOnlyDictionary<int, string> portNames)
    {
        var sockets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in (string[])["tcp", "tcp6"])
        {
            var lines = File.ReadAllLines($"/proc/{pid}/net/{table}");
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10)
                {
                    continue;
                }

                var localPort = Port(fields[1]);
                var remotePort = Port(fields[2]);
                var state = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                sockets[fields[9]] = (State(state), localPort, remotePort) switch
                {
                    ("LISTEN", _, _) => "tcp listening",
                    var (s, _, remote) when Named(remote) is { } server => $"tcp to {server} {s}",
                    var (s, local, _) when Named(local) is { } server => $"tcp from a client of {server} {s}",
                    var (s, _, _) => $"tcp other {s}",
                };
            }
        }

        return sockets;

        string? Named(int port) => portNames.TryGetValue(port, out var name) ? name : null;
    }

    private static int Port(string endpoint) =>
        int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string State(int state) => state < TcpStates.Length ? TcpStates[state] : "?";
}
