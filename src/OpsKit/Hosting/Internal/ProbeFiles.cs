namespace OpsKit.Hosting.Internal;

/// <summary>
/// Names of the short-lived files the directory check writes to prove a directory is writable; the disk cache sweeper
/// leaves them alone.
/// </summary>
internal static class ProbeFiles
{
    public const string Prefix = ".opskit-probe-";
}
