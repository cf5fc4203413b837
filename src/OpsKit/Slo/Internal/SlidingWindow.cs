namespace OpsKit.Slo.Internal;

/// <summary>
/// A ring of <see cref="SliceCount"/> time slices covering one window, each with a fixed-size
/// <see cref="LogHistogram"/> of latencies and request/error counts. Memory is fixed at construction
/// (about 8 KiB per slice) whatever the traffic; recording is lock-free and allocation-free, a slice is cleared
/// (under a lock, once per slice period) when time moves into it again. A snapshot merges the slices of the last
/// <see cref="SliceCount"/> periods, so it covers between 9/10 of the window and the whole window.
/// </summary>
internal sealed class SlidingWindow
{
    public const int SliceCount = 10;

    private readonly Slice[] _slices = new Slice[SliceCount];
    private readonly TimeProvider _time;
    private readonly long _sliceTicks;

    public SlidingWindow(TimeSpan window, TimeProvider time)
    {
        _time = time;
        _sliceTicks = Math.Max(1, (long)(window.TotalSeconds / SliceCount * time.TimestampFrequency));
        for (var i = 0; i < _slices.Length; i++)
        {
            _slices[i] = new Slice();
        }
    }

    public void Record(double seconds, bool error)
    {
        var epoch = _time.GetTimestamp() / _sliceTicks;
        var slice = _slices[(int)(epoch % SliceCount)];
        if (Volatile.Read(ref slice.Epoch) != epoch && !slice.MoveTo(epoch))
        {
            return;
        }

        Interlocked.Increment(ref slice.Buckets[LogHistogram.BucketOf(seconds)]);
        Interlocked.Increment(ref slice.Count);
        if (error)
        {
            Interlocked.Increment(ref slice.Errors);
        }
    }

    /// <summary>Merges the live slices into <paramref name="buckets"/> (length <see cref="LogHistogram.BucketCount"/>).</summary>
    public (long Requests, long Errors) Snapshot(Span<long> buckets)
    {
        buckets.Clear();
        var current = _time.GetTimestamp() / _sliceTicks;
        long requests = 0, errors = 0;
        foreach (var slice in _slices)
        {
            var epoch = Volatile.Read(ref slice.Epoch);
            if (epoch > current || epoch <= current - SliceCount)
            {
                continue;
            }

            requests += Volatile.Read(ref slice.Count);
            errors += Volatile.Read(ref slice.Errors);
            var counts = slice.Buckets;
            for (var i = 0; i < counts.Length; i++)
            {
                buckets[i] += Volatile.Read(ref counts[i]);
            }
        }

        return (requests, errors);
    }

    /// <summary>Bytes held by the window's counters; constant for the window's lifetime.</summary>
    public long FootprintBytes => _slices.Sum(static s => (s.Buckets.Length * (long)sizeof(int)) + (3 * sizeof(long)));

    private sealed class Slice
    {
        public readonly int[] Buckets = new int[LogHistogram.BucketCount];
        public long Epoch = long.MinValue;
        public long Count;
        public long Errors;

        /// <summary>Claims the slice for a newer period; false for a measurement older than the slice (dropped).</summary>
        public bool MoveTo(long epoch)
        {
            lock (Buckets)
            {
                var current = Volatile.Read(ref Epoch);
                if (current == epoch)
                {
                    return true;
                }

                if (current > epoch)
                {
                    return false;
                }

                Array.Clear(Buckets);
                Volatile.Write(ref Count, 0);
                Volatile.Write(ref Errors, 0);
                Volatile.Write(ref Epoch, epoch);
                return true;
            }
        }
    }
}
