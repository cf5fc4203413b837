namespace OpsKit.Sample.FileService.Internal;

/// <summary>The sample's log events (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Metadata table is ready.")]
    public static partial void SchemaReady(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "Metadata table not created yet (PostgreSQL unreachable: {Reason}); retrying in {DelaySeconds} s.")]
    public static partial void SchemaNotReady(ILogger logger, double delaySeconds, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Lock service unavailable for {Path}.")]
    public static partial void LockUnavailable(ILogger logger, string path, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Lock for {Path} is held by another writer.")]
    public static partial void LockBusy(ILogger logger, string path);

    [LoggerMessage(5, LogLevel.Error, "Storage write failed for {Path}.")]
    public static partial void StorageFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Metadata write failed for {Path}.")]
    public static partial void MetadataFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Stored {Path} ({Size} bytes).")]
    public static partial void Stored(ILogger logger, string path, long size);

    [LoggerMessage(8, LogLevel.Information, "Rejected path {Path}: {Reason}.")]
    public static partial void InvalidPath(ILogger logger, string path, string reason);

    [LoggerMessage(9, LogLevel.Information, "Rejected upload to {Path}: the body is larger than Kestrel:Limits:MaxRequestBodySize.")]
    public static partial void BodyTooLarge(ILogger logger, string path);
}
