using System.Globalization;

namespace OpsKit.Testing.Internal;

/// <summary>Reads /proc to find live processes and their children (PostgreSQL backends are children of the postmaster).</summary>
internal static class ProcessTable
{
    /// <summary>True when <paramref name="pid"/> exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && stat.Value.State is not ('Z' or 'X');
    }

    /// <summary>True when <paramref name="pid"/> is stopped by a signal (state T).</summary>
    public static bool IsStopped(int pid) => ReadStat(pid)?.State == 'T';

    /// <summary>Every live descendant of <paramref name="pid"/>, parents before children.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            var stat = ReadStat(child);
            if (stat is null || stat.Value.State is 'Z' or 'X')
            {
                continue;
            }

            if (!parents.TryGetValue(stat.Value.ParentId, out var list))
            {
                list = [];
                parents[stat.Value.ParentId] = list;
            }

            list.Add(child);
        }

        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(pid);
        while (queue.Count > 0)
        {
            if (!parents.TryGetValue(queue.Dequeue(), out var children))
            {
                continue;
            }

            foreach (var child in children)
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }

        return result;
    }

    private static (char State, int ParentId)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ..." — comm may contain spaces and parentheses, so split after the last ')'.
        var end = text.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        var fields = text[(end + 2)..].Split(' ');
        return fields.Length < 2 || fields[0].Length == 0
            ? null
            : (fields[0][0], int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
