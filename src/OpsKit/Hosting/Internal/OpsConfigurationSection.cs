namespace OpsKit.Hosting.Internal;

/// <summary>
/// A configuration section OpsKit reads, registered by the capability that binds it, so that start-up validation knows
/// every key under <c>OpsKit:</c> and reports the rest. Keys are taken from the options type, never listed by hand.
/// </summary>
/// <param name="path">
/// The section, e.g. <c>OpsKit:Telemetry</c>; a <c>*</c> segment stands for any instance name
/// (<c>OpsKit:Caching:*</c>).
/// </param>
/// <param name="optionsType">The type that binds the section; null for a single value (e.g. a policy name).</param>
/// <param name="qualifier">Follows "is not a known key" in messages, e.g. " of a cache".</param>
internal sealed class OpsConfigurationSection(string path, Type? optionsType, string qualifier = "")
{
    public string Path { get; } = path;

    public Type? OptionsType { get; } = optionsType;

    public string Qualifier { get; } = qualifier;

    /// <summary>
    /// For a <c>*</c> section whose type depends on the instance (a check's type): the options type and qualifier, or
    /// null when the section is reported elsewhere.
    /// </summary>
    public Func<IServiceProvider, IConfigurationSection, (Type Type, string Qualifier)?>? Resolve { get; init; }
}
