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

    /// <summary>The request URI moved onto this endpoint: its scheme, authority and base path, then the request's path and query.</summary>
    public Uri Rebase(Uri requestUri)
    {
        if (_authority is null)
        {
            return requestUri;
        }

        var pathAndQuery = requestUri.IsAbsoluteUri ? requestUri.PathAndQuery : "/" + requestUri.OriginalString.TrimStart('/');
        return new Uri(_authority + _basePath + pathAndQuery, UriKind.Absolute);
    }
}
