namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a directory check (<c>Type</c> <c>directory</c>): the directory exists and the process can write to it.
/// </summary>
public sealed class DirectoryCheckOptions : OpsHealthCheckOptions
{
    /// <summary>The directory. Required.</summary>
    public string? Path { get; set; }

    /// <summary>Whether a missing directory is created (with <see cref="Mode"/> on Unix). Default: <see langword="false"/>.</summary>
    public bool Create { get; set; }

    /// <summary>Unix mode of a directory the check creates, as an octal string such as <c>0750</c>. Default: none (umask applies).</summary>
    public string? Mode { get; set; }

    /// <summary>Whether the check proves the directory writable by writing, flushing and deleting a probe file. Default: <see langword="true"/>.</summary>
    public bool Writable { get; set; } = true;
}
