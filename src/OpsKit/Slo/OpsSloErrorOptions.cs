namespace OpsKit.Slo;

/// <summary>Which requests count as errors for the error-rate and availability targets (<c>Errors</c>).</summary>
public sealed class OpsSloErrorOptions
{
    /// <summary>Responses 500–599 and unhandled exceptions. Default: <see langword="true"/>.</summary>
    public bool ServerErrors { get; set; } = true;

    /// <summary>
    /// Timeouts: 408 and 504 responses and requests whose <c>error.type</c> names a timeout. Default: <see langword="true"/>.
    /// </summary>
    public bool Timeouts { get; set; } = true;

    /// <summary>Responses 400–499 (other than timeouts). Default: <see langword="false"/>.</summary>
    public bool ClientErrors { get; set; }
}
