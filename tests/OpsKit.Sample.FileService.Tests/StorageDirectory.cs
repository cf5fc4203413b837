namespace OpsKit.Sample.FileService.Tests;

/// <summary>A fresh storage root for one sample host, deleted afterwards.</summary>
internal sealed class StorageDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("callfs-storage-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
