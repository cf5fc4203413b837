using Microsoft.Extensions.Time.Testing;
using OpsKit.Slo.Internal;

namespace OpsKit.Tests.Slo;

public sealed class EstimatorTests
{
    [Theory]
    [InlineData(0.50)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Percentiles_of_a_log_normal_distribution_are_within_the_stated_relative_error(double quantile)
    {
        var random = new Random(42);
        var values = new double[200_000];
        for (var i = 0; i < values.Length; i++)
        {
            // Log-normal around 80 ms with a long tail: typical request latencies.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = Math.Exp(Math.Log(0.08) + (0.8 * normal));
        }

        var window = new SlidingWindow(TimeSpan.FromMinutes(5), new FakeTimeProvider());
        foreach (var value in values)
        {
            window.Record(value, error: false);
        }

        var merged = new long[LogHistogram.BucketCount];
        var (requests, _) = window.Snapshot(merged);
        Array.Sort(values);
        var exact = values[(int)Math.Ceiling(quantile * values.Length) - 1];
        var estimate = LogHistogram.Quantile(merged, requests, quantile);

        Assert.Equal(values.Length, requests);
        Assert.InRange(Math.Abs(estimate - exact) / exact, 0, LogHistogram.RelativeError);
    }

    [Fact]
    public void Every_latency_from_a_microsecond_to_an_hour_reads_back_within_the_stated_relative_error()
    {
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var seconds = Math.Pow(10, -6 + (random.NextDouble() * 9.5));
            var read = LogHistogram.Representative(LogHistogram.BucketOf(seconds));
            Assert.InRange(Math.Abs(read - seconds) / seconds, 0, LogHistogram.RelativeError);
        }
    }

    [Fact]
    public void The_stated_relative_error_is_under_one_percent()
    {
        Assert.True(LogHistogram.RelativeError < 0.01);
    }

    [Fact]
    public void Requests_older_than_the_window_stop_counting()
    {
        var time = new FakeTimeProvider();
        var window = new SlidingWindow(TimeSpan.FromMinutes(5), time);
        for (var i = 0; i < 100; i++)
        {
            window.Record(2.0, error: true);
        }

        time.Advance(TimeSpan.FromMinutes(3));
        for (var i = 0; i < 100; i++)
        {
            window.Record(0.01, error: false);
        }

        var merged = new long[LogHistogram.BucketCount];
        Assert.Equal((200L, 100L), window.Snapshot(merged));

        time.Advance(TimeSpan.FromMinutes(3));
        var (requests, errors) = window.Snapshot(merged);
        Assert.Equal(100, requests);
        Assert.Equal(0, errors);
        Assert.InRange(LogHistogram.Quantile(merged, requests, 0.99), 0.0099, 0.0101);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal((0L, 0L), window.Snapshot(merged));
    }

    [Fact]
    public void A_slice_reused_after_the_window_wrapped_starts_from_zero()
    {
        var time = new FakeTimeProvider();
        var window = new SlidingWindow(TimeSpan.FromSeconds(10), time);
        window.Record(1.0, error: true);

        time.Advance(TimeSpan.FromSeconds(10));
        window.Record(0.1, error: false);

        var merged = new long[LogHistogram.BucketCount];
        Assert.Equal((1L, 0L), window.Snapshot(merged));
    }
}
