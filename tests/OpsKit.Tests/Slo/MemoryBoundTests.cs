using Microsoft.Extensions.Time.Testing;
using OpsKit.Slo.Internal;

namespace OpsKit.Tests.Slo;

[CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
public sealed class MemorySensitive;

[Collection(nameof(MemorySensitive))]
public sealed class MemoryBoundTests
{
    [Fact]
    public void A_million_requests_allocate_nothing_and_leave_the_estimator_size_unchanged()
    {
        var time = new FakeTimeProvider();
        var monitor = SloMonitorFactory.Create(time, ("api", "/api"));
        var objective = monitor.Objectives[0];
        var footprint = objective.Window.FootprintBytes;
        KeyValuePair<string, object?>[] tags =
        [
            new("http.request.method", "GET"),
            new("http.route", "/api/orders/{id}"),
            new("http.response.status_code", 200),
        ];
        var random = new Random(1);
        var durations = Enumerable.Range(0, 1024).Select(_ => random.NextDouble()).ToArray();
        SloRequestListener.Record(monitor, 0.1, tags);

        long allocated = 0;
        for (var chunk = 0; chunk < 100; chunk++)
        {
            // Seven seconds per chunk: the million requests span more than two 5-minute windows of slices.
            time.Advance(TimeSpan.FromSeconds(7));
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                SloRequestListener.Record(monitor, durations[i & 1023], tags);
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
        Assert.Equal(footprint, objective.Window.FootprintBytes);
        Assert.InRange(footprint, 1, 100 * 1024);
    }
}
