namespace OpsKit.Analyzers.Internal;

/// <summary>What is known about the SizeLimit of the cache a write goes into.</summary>
internal enum CacheBound
{
    Unknown,
    SizeLimited,
    Unbounded,
}
