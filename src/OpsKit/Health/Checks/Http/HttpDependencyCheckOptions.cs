namespace OpsKit.Health.Checks;

/// <summary>
/// Options of an HTTP dependency check (<c>Type</c> <c>http</c>): one request to <see cref="Url"/> through a named
/// <see cref="System.Net.Http.HttpClient"/> without resilience handlers, so the check's timeout governs. DNS, connect,
/// TLS, timeout and status failures get distinct categories.
/// </summary>
public sealed class HttpDependencyCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Absolute http(s) URL of the dependency's health endpoint. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>HTTP method. Default: <c>GET</c>.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>
    /// Accepted status codes: comma-separated codes (<c>200</c>), classes (<c>2xx</c>) or ranges (<c>200-399</c>).
    /// Default: <c>2xx</c>.
    /// </summary>
    public string ExpectedStatus { get; set; } = "2xx";

    /// <summary>Latency above which the check is Degraded. Default: none.</summary>
    public TimeSpan? DegradedLatency { get; set; }

    /// <summary>
    /// A JSON path into the response body (<c>$.status</c>, <c>$.a.b</c>, <c>$.items[0].state</c>) whose value decides
    /// the status with <see cref="HealthyValues"/> and <see cref="DegradedValues"/>; any other value is Unhealthy.
    /// Default: none (the body is not read).
    /// </summary>
    public string? JsonPath { get; set; }

    /// <summary>Values at <see cref="JsonPath"/> that are Healthy (case-insensitive), e.g. <c>green</c>.</summary>
    public IList<string>? HealthyValues { get; set; }

    /// <summary>Values at <see cref="JsonPath"/> that are Degraded (case-insensitive), e.g. <c>yellow</c>.</summary>
    public IList<string>? DegradedValues { get; set; }

    /// <inheritdoc/>
    protected internal override bool IsRemoteDependency => true;
}
