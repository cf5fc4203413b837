namespace OpsKit.Health;

/// <summary>
/// One health group (<c>OpsKit:Health:Groups:&lt;name&gt;</c>): a readiness probe of its own over the checks that carry
/// any of <see cref="Tags"/>, served at <see cref="Path"/> by <c>MapOpsHealth()</c>, by the gRPC health service under the
/// group's name, and listed under <c>groups</c> in the detailed JSON. It reads the same snapshot (no check runs for it)
/// and follows the rules of <c>/health/ready</c>, maintenance, refused traffic and shutdown included.
/// </summary>
public sealed class OpsHealthGroupOptions
{
    /// <summary>The path the group answers on, e.g. <c>/health/db</c>. Required; must not be a path of another endpoint.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// The checks of the group: those whose tags include any of these (any tag the app gives its checks, the probe tags
    /// included). Required, and each tag must be carried by at least one check.
    /// </summary>
    public IList<string> Tags { get; set; } = [];

    /// <summary>
    /// Who sees the detailed JSON of the group's checks at <see cref="Path"/>; others get the probe body. Default: the
    /// engine's <see cref="OpsHealthOptions.Details"/>.
    /// </summary>
    public HealthDetailsExposure? Details { get; set; }

    /// <summary>
    /// The authorization policy of callers allowed details at <see cref="Path"/>. Default: the engine's
    /// <see cref="OpsHealthOptions.DetailsPolicy"/>.
    /// </summary>
    public string? DetailsPolicy { get; set; }
}
