namespace OpsKit.Health.Internal;

/// <summary>A built-in check type that configuration can declare by its <c>Type</c> key.</summary>
internal sealed class CheckTypeRegistration(
    string type,
    Type optionsType,
    Func<IServiceProvider, string, OpsHealthCheckOptions> getOptions,
    Func<IServiceProvider, string, IHealthCheck> create)
{
    public string Type { get; } = type;

    public Type OptionsType { get; } = optionsType;

    /// <summary>Reads the current (validated) options of the named check; throws OptionsValidationException.</summary>
    public Func<IServiceProvider, string, OpsHealthCheckOptions> GetOptions { get; } = getOptions;

    public Func<IServiceProvider, string, IHealthCheck> Create { get; } = create;
}
