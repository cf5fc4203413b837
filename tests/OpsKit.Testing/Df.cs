using System.Diagnostics;
using System.Globalization;

namespace OpsKit.Testing;

/// <summary>What <c>df</c> says about a volume: the reference the disk check's numbers are compared with.</summary>
public static class Df
{
    /// <summary>df's used ratio of the volume holding <paramref name="path"/>: used / (used + available to users).</summary>
    public static async Task<double> UsedRatioAsync(string path)
    {
        var (used, available) = await ReadAsync(path).ConfigureAwait(false);
        return (double)used / (used + available);
    }

    /// <summary>The bytes available to unprivileged users on the volume holding <paramref name="path"/>, as df shows them.</summary>
    public static async Task<long> AvailableBytesAsync(string path) => (await ReadAsync(path).ConfigureAwait(false)).Available;

    private static async Task<(long Used, long Available)> ReadAsync(string path)
    {
        // df -P -B1: Filesystem 1-blocks Used Available Capacity Mounted-on, in bytes.
        using var process = Process.Start(new ProcessStartInfo("df", ["-P", "-B1", path]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("df did not start");
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[2], CultureInfo.InvariantCulture), long.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
