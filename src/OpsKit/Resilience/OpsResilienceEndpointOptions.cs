namespace OpsKit.Resilience;

/// <summary>One endpoint of an HTTP pipeline (<c>OpsKit:Resilience:Pipelines:&lt;name&gt;:Endpoints:&lt;index&gt;</c>).</summary>
public sealed class OpsResilienceEndpointOptions
{
    /// <summary>
    /// The endpoint's name in metrics and readiness data (<c>[a-z0-9][a-z0-9._-]*</c>). Default: <c>primary</c> for the
    /// first endpoint, <c>backup1</c>, <c>backup2</c>, … for the others.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Absolute base address (scheme, host, port and optional base path). A request's path and query are appended to it.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>Overrides the pipeline's attempt timeout for this endpoint (e.g. a backend that serves large files).</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Overrides the pipeline's idle-read timeout for bodies streamed from this endpoint.</summary>
    public TimeSpan? IdleReadTimeout { get; set; }
}
