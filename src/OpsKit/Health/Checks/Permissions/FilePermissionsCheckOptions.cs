namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a file permissions check (<c>Type</c> <c>permissions</c>): Degraded when the mode of a file or directory
/// grants more than <see cref="MaxMode"/> (a world-writable data directory, a world-readable secret).
/// </summary>
public sealed class FilePermissionsCheckOptions : OpsHealthCheckOptions
{
    /// <summary>The file or directory. Required.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// The widest acceptable Unix mode, as an octal string such as <c>0640</c>. Default: <c>0750</c> for a directory,
    /// <c>0640</c> for a file.
    /// </summary>
    public string? MaxMode { get; set; }
}
