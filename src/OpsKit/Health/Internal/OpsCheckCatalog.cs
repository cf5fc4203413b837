namespace OpsKit.Health.Internal;

/// <summary>
/// What OpsKit knows about checks beyond <c>HealthCheckServiceOptions</c>: the built-in types configuration may
/// declare, and which registered checks are typed OpsKit checks (whose common keys live in their options).
/// Filled while services are registered; read-only once the host is built.
/// </summary>
internal sealed class OpsCheckCatalog
{
    private readonly Dictionary<string, CheckTypeRegistration> _types = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CheckTypeRegistration> _typedChecks = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CheckTypeRegistration> Types => _types;

    public IReadOnlyDictionary<string, CheckTypeRegistration> TypedChecks => _typedChecks;

    public void AddType(CheckTypeRegistration registration) => _types.TryAdd(registration.Type, registration);

    public void AddTypedCheck(string name, CheckTypeRegistration registration)
    {
        if (!_typedChecks.TryAdd(name, registration))
        {
            throw new ArgumentException($"A health check named '{name}' is already registered.", nameof(name));
        }
    }
}
