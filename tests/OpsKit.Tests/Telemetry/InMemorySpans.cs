using System.Diagnostics;

namespace OpsKit.Tests.Telemetry;

/// <summary>The spans OpenTelemetry's in-memory exporter receives, safe to read while the exporter adds to it.</summary>
internal sealed class InMemorySpans : ICollection<Activity>
{
    private readonly List<Activity> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public Activity[] Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public Activity[] Named(string name) => [.. Snapshot().Where(a => a.DisplayName == name)];

    public void Add(Activity item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(Activity item) => throw new NotSupportedException();

    public void CopyTo(Activity[] array, int arrayIndex) => throw new NotSupportedException();

    public bool Remove(Activity item) => throw new NotSupportedException();

    public IEnumerator<Activity> GetEnumerator() => throw new NotSupportedException();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
