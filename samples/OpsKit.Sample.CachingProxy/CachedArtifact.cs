namespace OpsKit.Sample.CachingProxy;

/// <summary>A small artefact held in the memory cache: its bytes and content type.</summary>
internal sealed class CachedArtifact(byte[] content, string contentType)
{
    public ReadOnlyMemory<byte> Content { get; } = content;

    public string ContentType { get; } = contentType;
}
