namespace OpsKit.Slo.Internal;

/// <summary>
/// Bucket arithmetic of a fixed-size, log-linear latency histogram (HDR/DDSketch style): each power of two between
/// 2^-20 s (about 0.95 µs) and 2^12 s (4096 s) is split into 64 equal sub-buckets, chosen from the IEEE-754 exponent
/// and the top 6 mantissa bits (no logarithm on the recording path). A bucket spans at most 1/64 of its lower bound,
/// and a quantile is reported as its bucket's midpoint, so the <b>relative error of a reported value is at most
/// 1/128 ≈ 0.78 %</b> for latencies inside the range; values outside it are clamped to the first or last bucket.
/// The histogram has <see cref="BucketCount"/> (2048) buckets whatever the number of requests.
/// </summary>
internal static class LogHistogram
{
    public const int SubBucketBits = 6;
    public const int SubBuckets = 1 << SubBucketBits;
    public const int MinExponent = -20;
    public const int MaxExponent = 11;
    public const int BucketCount = (MaxExponent - MinExponent + 1) * SubBuckets;

    /// <summary>The largest relative error of a value read back from a bucket (half a bucket's width over its lower bound).</summary>
    public const double RelativeError = 1.0 / (2 * SubBuckets);

    public static int BucketOf(double seconds)
    {
        if (!(seconds > 0))
        {
            return 0;
        }

        var bits = BitConverter.DoubleToInt64Bits(seconds);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (exponent < MinExponent)
        {
            return 0;
        }

        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        var sub = (int)((bits >> (52 - SubBucketBits)) & (SubBuckets - 1));
        return ((exponent - MinExponent) << SubBucketBits) | sub;
    }

    public static double LowerBound(int bucket) =>
        Math.ScaleB(1.0 + ((bucket & (SubBuckets - 1)) / (double)SubBuckets), (bucket >> SubBucketBits) + MinExponent);

    public static double UpperBound(int bucket) =>
        Math.ScaleB(1.0 + (((bucket & (SubBuckets - 1)) + 1) / (double)SubBuckets), (bucket >> SubBucketBits) + MinExponent);

    public static double Representative(int bucket) => (LowerBound(bucket) + UpperBound(bucket)) / 2;

    /// <summary>Nearest-rank quantile of merged bucket counts: the smallest value with at least q·n values at or below it.</summary>
    public static double Quantile(ReadOnlySpan<long> counts, long total, double quantile)
    {
        if (total <= 0)
        {
            return 0;
        }

        var rank = Math.Max(1L, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Representative(i);
            }
        }

        return Representative(counts.Length - 1);
    }
}
