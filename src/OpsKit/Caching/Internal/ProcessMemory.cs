namespace OpsKit.Caching.Internal;

/// <summary>
/// Where memory-pressure compaction reads the process's memory use and the memory available to it. A seam so tests
/// can simulate pressure deterministically; the defaults are the working set and what the GC sees as available
/// (the container limit or <c>GCHeapHardLimit</c> when set).
/// </summary>
internal sealed class ProcessMemory(Func<long> used, Func<long> available)
{
    public static ProcessMemory System { get; } = new(
        static () => Environment.WorkingSet,
        static () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    public long Used => used();

    public long Available => available();
}
