using System.Runtime.InteropServices;

namespace OpsKit.Testing;

/// <summary>
/// Native memory outside the GC heap with every page touched, so it counts in the working set (not just reserved):
/// the fault "the process holds a large buffer" for memory checks. Freed on dispose.
/// </summary>
public sealed class ResidentMemory : IDisposable
{
    private nint _block;

    /// <summary>Allocates <paramref name="bytes"/> and writes one byte per 4 KiB page.</summary>
    public ResidentMemory(long bytes)
    {
        _block = Marshal.AllocHGlobal((nint)bytes);
        for (long offset = 0; offset < bytes; offset += 4096)
        {
            Marshal.WriteByte(_block + (nint)offset, 1);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_block != 0)
        {
            Marshal.FreeHGlobal(_block);
            _block = 0;
        }
    }
}
