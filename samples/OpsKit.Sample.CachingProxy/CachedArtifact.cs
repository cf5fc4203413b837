namespace OpsKit.Sample.CachingProxy;

/// <summary>A small artefact held in the memory cache: its bytes and content type.</summary>
internal sealed class CachedArtifact(byte[] content, string contentType)
{
    /// <summary>
    /// What one entry holds besides its strings' characters and its body: the cache's entry object and dictionary node, this
    /// object, the array and string headers. About 460 bytes on .NET 10 x64 (the managed heap's growth per entry in
    /// tests/OpsKit.Sample.CachingProxy.Tests/CacheAccountingTests.cs); rounded up so the bound stays an upper bound.
    /// </summary>
    internal const int EntryOverheadBytes = 512;

    public ReadOnlyMemory<byte> Content { get; } = content;

    public string ContentType { get; } = contentType;

    /// <summary>
    /// The bytes an entry under <paramref name="key"/> holds: the key and content type (UTF-16), the body and the overhead.
    /// Counting only the body let a flood of tiny artefacts under long unique keys fill memory far beyond the cache's bound.
    /// </summary>
    public long SizeUnder(string key) => EntryOverheadBytes + (2L * (key.Length + ContentType.Length)) + Content.Length;
}
