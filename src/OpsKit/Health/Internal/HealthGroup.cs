namespace OpsKit.Health.Internal;

/// <summary>A health group as the engine serves it: its settings and which checks belong to it, by check index.</summary>
internal sealed class HealthGroup(string name, OpsHealthGroupOptions options, bool[] members)
{
    public string Name { get; } = name;

    public string Path { get; } = options.Path ?? string.Empty;

    public HealthDetailsExposure? Details { get; } = options.Details;

    public string? DetailsPolicy { get; } = options.DetailsPolicy;

    public bool Contains(CheckDescriptor check) => members[check.Index];
}
