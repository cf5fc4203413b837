using System.Diagnostics;
using System.Globalization;

namespace OpsKit.Testing;

/// <summary>What <c>df</c> says about a volume: the reference the disk check's numbers are compared with.</summary>
public static class Df
{
    /// <summary>df's used ratio of the volume holding <paramref name="path"/>: used / (used + available to users).</summary>
    public static async Task<double> UsedRatioAsync(string path)
    {
        // df -P: Filesystem 1024-blocks Used Available Capacity Mounted-on
        using var process = Process.Start(new ProcessStartInfo("df", ["-P", "-k", path]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("df did not start");
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var used = double.Parse(fields[2], CultureInfo.InvariantCulture);
        var available = double.Parse(fields[3], CultureInfo.InvariantCulture);
        return used / (used + available);
    }
}
