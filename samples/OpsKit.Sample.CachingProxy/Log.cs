namespace OpsKit.Sample.CachingProxy;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Backend {Backend} not responding for {Path}: {Reason}")]
    public static partial void BackendFailed(ILogger logger, string backend, string path, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Transfer from backend {Backend} interrupted after {Bytes} bytes for {Path}: {Reason}")]
    public static partial void TransferInterrupted(ILogger logger, string backend, string path, long bytes, string reason);

    [LoggerMessage(3, LogLevel.Information, "Transfer from backend {Backend} complete: {Path}, {Bytes} bytes")]
    public static partial void TransferComplete(ILogger logger, string backend, string path, long bytes);

    [LoggerMessage(4, LogLevel.Information, "Rejected path {Path} for backend {Backend}: control characters.")]
    public static partial void InvalidPath(ILogger logger, string backend, string path);
}
