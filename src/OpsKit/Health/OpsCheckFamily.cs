namespace OpsKit.Health;

/// <summary>
/// The checks an integration adds on one client of the application (a data source, a multiplexer, a connection): a
/// root check named <c>&lt;name&gt;</c> of type <c>&lt;type&gt;</c> that proves the client can reach its server, and
/// members named <c>&lt;name&gt;.&lt;suffix&gt;</c> of type <c>&lt;type&gt;.&lt;suffix&gt;</c> that measure more and, unless
/// configured otherwise, depend on the root check: one alert when the server is down. Each check's options are the
/// values set in code, then the family's <c>configureEach</c>, then its <c>OpsKit:Health:Checks:&lt;name&gt;</c> section.
/// </summary>
public sealed class OpsCheckFamily
{
    private readonly OpsHealthBuilder _builder;
    private readonly string _type;
    private readonly string _name;
    private readonly Action<OpsHealthCheckOptions>? _configureEach;

    /// <summary>Starts a family of checks; add its checks with <see cref="AddRoot{TCheck, TOptions}"/> and <see cref="AddMember{TCheck, TOptions}"/>.</summary>
    /// <param name="builder">The OpsKit health builder the checks are added to.</param>
    /// <param name="type">The root check's type, e.g. <c>rabbitmq</c>; members' types are <c>rabbitmq.&lt;suffix&gt;</c>.</param>
    /// <param name="name">The root check's name, e.g. <c>rabbitmq</c>, or <c>rabbitmq-orders</c> for a second client.</param>
    /// <param name="configureEach">
    /// Applied to every check's options after the values set in code, for example to link them to the registration of
    /// the client they check.
    /// </param>
    public OpsCheckFamily(OpsHealthBuilder builder, string type, string name, Action<OpsHealthCheckOptions>? configureEach = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _builder = builder;
        _type = type;
        _name = name;
        _configureEach = configureEach;
    }

    /// <summary>Adds the root check: the family's type and name.</summary>
    /// <typeparam name="TCheck">The check (see <see cref="OpsHealthBuilderExtensions.AddCheckType{TCheck, TOptions}"/>).</typeparam>
    /// <typeparam name="TOptions">The check's options.</typeparam>
    /// <param name="inCode">The options set in code, copied onto the check's options.</param>
    /// <returns>The family, to add its members.</returns>
    public OpsCheckFamily AddRoot<TCheck, TOptions>(TOptions inCode)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        ArgumentNullException.ThrowIfNull(inCode);
        _builder.AddCheck<TCheck, TOptions>(_type, _name, o => _configureEach?.Invoke(inCode.CopyTo(o)));
        return this;
    }

    /// <summary>
    /// Adds a member: type <c>&lt;type&gt;.&lt;suffix&gt;</c>, name <c>&lt;name&gt;.&lt;suffix&gt;</c>. Its
    /// <see cref="OpsHealthCheckOptions.DependsOn"/> defaults to the root check, so that it is not run (and raises no
    /// alert of its own) while the root check is Unhealthy; code or configuration can set another list.
    /// </summary>
    /// <typeparam name="TCheck">The check (see <see cref="OpsHealthBuilderExtensions.AddCheckType{TCheck, TOptions}"/>).</typeparam>
    /// <typeparam name="TOptions">The check's options.</typeparam>
    /// <param name="suffix">What the member measures, e.g. <c>queues</c>.</param>
    /// <param name="inCode">The options set in code, copied onto the check's options.</param>
    /// <param name="enabled">Whether to add the member: the switch of the integration's own options.</param>
    /// <param name="dependsOnRoot">
    /// <see langword="false"/> for a member that reads the client without a round trip to the server, so that it keeps
    /// reporting (for example an exhausted pool) while the root check fails.
    /// </param>
    /// <returns>The family, to add more members.</returns>
    public OpsCheckFamily AddMember<TCheck, TOptions>(string suffix, TOptions inCode, bool enabled = true, bool dependsOnRoot = true)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(suffix);
        ArgumentNullException.ThrowIfNull(inCode);
        if (!enabled)
        {
            return this;
        }

        _builder.AddCheck<TCheck, TOptions>($"{_type}.{suffix}", $"{_name}.{suffix}", o =>
        {
            _configureEach?.Invoke(inCode.CopyTo(o));
            if (dependsOnRoot)
            {
                o.DependsOn ??= [_name];
            }
        });
        return this;
    }
}
