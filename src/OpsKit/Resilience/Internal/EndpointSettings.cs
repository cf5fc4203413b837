namespace OpsKit.Resilience.Internal;

/// <summary>One endpoint of an HTTP pipeline: its name (a metric label), registry key, base address and timeouts.</summary>
internal sealed class EndpointSettings(int index, string name, string key, Uri? url, TimeSpan attemptTimeout, TimeSpan idleReadTimeout)
{
    private readonly string? _authority = url?.GetLeftPart(UriPartial.Authority);
    private readonly string _basePath = url is null ? string.Empty : url.AbsolutePath.TrimEnd('/');

    public int Index { get; } = index;

    public string Name { get; } = name;

    /// <summary>Key of the endpoint's own pipeline (breaker + attempt timeout) in Polly's registry.</summary>
    public string Key { get; } = key;

    /// <summary>Base address; <see langword="null"/> means "the request's own URI".</summary>
    public Uri? Url { get; } = url;

    public TimeSpan AttemptTimeout { get; } = attemptTimeout;

    public TimeSpan IdleReadTimeout { get; } = idleReadTimeout;

    /// <summary>
    /// The path and query of <paramref name="requestUri"/> below this endpoint's base address, or <see langword="null"/>
    /// when the URI is not under it. HttpClient has already combined a relative request with the primary's base address,
    /// so a request under a base path must be cut off there before it moves to another endpoint.
    /// </summary>
    public string? PathBelowBase(Uri requestUri)
    {
        if (_authority is null || !requestUri.IsAbsoluteUri
            || !string.Equals(requestUri.GetLeftPart(UriPartial.Authority), _authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var pathAndQuery = requestUri.PathAndQuery;
        if (_basePath.Length == 0)
        {
            return pathAndQuery;
        }

        var below = pathAndQuery.StartsWith(_basePath, StringComparison.Ordinal) ? pathAndQuery[_basePath.Length..] : null;
        return below is { Length: 0 } || below?[0] is '/' or '?' ? below : null;
    }

    /// <summary>
    /// The request URI moved onto this endpoint: its scheme, authority and base path, then <paramref name="pathBelowBase"/>
    /// (the request's path below the endpoint it was addressed to) or, when the request was addressed outside every
    /// endpoint's base, the request's own path and query.
    /// </summary>
    public Uri Rebase(Uri requestUri, string? pathBelowBase)
    {
        if (_authority is null)
        {
            return requestUri;
        }

        var pathAndQuery = pathBelowBase
            ?? (requestUri.IsAbsoluteUri ? requestUri.PathAndQuery : "/" + requestUri.OriginalString.TrimStart('/'));
        return new Uri(_authority + _basePath + pathAndQuery, UriKind.Absolute);
    }
}
