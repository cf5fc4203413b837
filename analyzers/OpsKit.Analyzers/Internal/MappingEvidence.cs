namespace OpsKit.Analyzers.Internal;

/// <summary>What a call that receives the app does about health endpoints, as far as the rules can tell.</summary>
internal enum MappingEvidence
{
    /// <summary>It cannot map a health endpoint (or it is known not to).</summary>
    None,

    /// <summary>It maps a health endpoint in every environment.</summary>
    Maps,

    /// <summary>It maps a health endpoint only inside an IsDevelopment() branch.</summary>
    MapsInDevelopmentOnly,

    /// <summary>It might map one: the rules stay silent rather than guess.</summary>
    Unknown,
}
