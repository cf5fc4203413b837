namespace OpsKit.Security.Internal;

/// <summary>
/// Space-saving top-K (Metwally et al.): at most <c>capacity</c> client addresses with their counts. A new address
/// when the table is full replaces the one with the lowest count and inherits that count (+1) as its error bound, so
/// memory stays fixed however many distinct addresses arrive and heavy hitters are never lost.
/// </summary>
internal sealed class OffenderTable(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(capacity, StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public void Add(string address)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(address, out var entry))
            {
                entry.Count++;
                return;
            }

            if (_entries.Count < capacity)
            {
                _entries.Add(address, new Entry(1, 0));
                return;
            }

            // K is small (default 20): a linear scan for the minimum is cheaper than keeping a heap in sync.
            var victim = string.Empty;
            var minimum = long.MaxValue;
            foreach (var (key, candidate) in _entries)
            {
                if (candidate.Count < minimum)
                {
                    victim = key;
                    minimum = candidate.Count;
                }
            }

            _entries.Remove(victim);
            _entries.Add(address, new Entry(minimum + 1, minimum));
        }
    }

    /// <summary>The tracked addresses, highest count first.</summary>
    public IReadOnlyList<Offender> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries
                .Select(p => new Offender(p.Key, p.Value.Count, p.Value.Error))
                .OrderByDescending(o => o.Count)
                .ThenBy(o => o.Address, StringComparer.Ordinal)];
        }
    }

    private sealed class Entry(long count, long error)
    {
        public long Count { get; set; } = count;

        public long Error { get; } = error;
    }
}
