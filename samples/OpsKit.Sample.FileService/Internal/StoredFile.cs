namespace OpsKit.Sample.FileService.Internal;

/// <summary>The answer to a successful PUT.</summary>
internal sealed record StoredFile(string Path, long Size);
