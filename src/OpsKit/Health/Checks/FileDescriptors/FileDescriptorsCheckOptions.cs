namespace OpsKit.Health.Checks;

/// <summary>
/// Options of the file descriptor check (<c>Type</c> <c>filedescriptors</c>, default name <c>filedescriptors</c>):
/// open descriptors of the process as a fraction of its soft <c>RLIMIT_NOFILE</c> (Linux). Defaults: Degraded at 0.8,
/// Unhealthy at 0.95.
/// </summary>
public sealed class FileDescriptorsCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.8, unhealthyAt: 0.95);
