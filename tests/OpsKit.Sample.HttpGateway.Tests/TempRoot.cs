namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>A per-test temp root for the sample's directories; deleted on dispose.</summary>
internal sealed class TempRoot : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("opskit-s0-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
