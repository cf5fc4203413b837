namespace OpsKit.Sample.FileService.Internal;

/// <summary>A request path resolved under the storage root: <see cref="Key"/> is <c>/a/b.txt</c>, the lock and metadata key.</summary>
internal sealed record StoredPath(string Key, string FullPath);
