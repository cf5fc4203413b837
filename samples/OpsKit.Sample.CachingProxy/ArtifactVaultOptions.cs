namespace OpsKit.Sample.CachingProxy;

/// <summary>Artifact Vault's own settings (<c>ArtifactVault</c> section).</summary>
public sealed class ArtifactVaultOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ArtifactVault";

    /// <summary>The cache directory (created at start-up with mode 0750); relative paths are under the content root.</summary>
    public string CacheDirectory { get; set; } = "/tmp/artifact_cache";

    /// <summary>Artefacts up to this size (bytes, from Content-Length) are kept in the memory cache; larger ones are streamed. Default 1 MB.</summary>
    public long MaxCachedArtifactBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest query string (characters, with the leading '?') forwarded to a backend; longer ones answer 414. Default 256.
    /// </summary>
    public int MaxQueryStringLength { get; set; } = 256;

    /// <summary>The copy buffer for streamed artefacts (the guide's chunk size). Default 64 KB.</summary>
    public int StreamBufferBytes { get; set; } = 64 * 1024;
}
