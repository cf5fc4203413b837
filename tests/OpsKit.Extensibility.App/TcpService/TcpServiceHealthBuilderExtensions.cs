using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsKit.Health;

namespace Contoso.OpsKit.TcpService;

/// <summary>Adds <c>tcp-service</c> checks to the OpsKit health engine.</summary>
public static class TcpServiceHealthBuilderExtensions
{
    /// <summary>The check type configuration declares: <c>OpsKit:Health:Checks:&lt;name&gt;:Type = tcp-service</c>.</summary>
    public const string CheckType = "tcp-service";

    /// <summary>Makes <c>tcp-service</c> declarable in configuration, with its validator and gauge.</summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddTcpServiceCheckType(this OpsHealthBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddOpsKitMeter();
        builder.Services.TryAddSingleton<TcpServiceMetrics>();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TcpServiceCheckOptions>, TcpServiceCheckOptionsValidator>());
        return builder.AddCheckType<TcpServiceCheck, TcpServiceCheckOptions>(CheckType);
    }

    /// <summary>Adds a <c>tcp-service</c> check; its <c>OpsKit:Health:Checks:&lt;name&gt;</c> section overrides <paramref name="configure"/>.</summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="configure">Host, port and thresholds in code.</param>
    /// <param name="critical">Whether an Unhealthy result fails readiness. Default: <see langword="true"/>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddTcpService(
        this OpsHealthBuilder builder, string name, Action<TcpServiceCheckOptions>? configure = null, bool? critical = null) =>
        builder.AddTcpServiceCheckType().AddCheck<TcpServiceCheck, TcpServiceCheckOptions>(CheckType, name, configure, critical);

    /// <summary>
    /// Adds a <c>tcp-service</c> check of a service's port and a <c>tcp-service.admin</c> check of its admin port, named
    /// <c>&lt;name&gt;.admin</c>, which is not run while the first one is Unhealthy: one alert when the host is down.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The name of the service port's check.</param>
    /// <param name="host">The service's host name or address.</param>
    /// <param name="port">The service's port.</param>
    /// <param name="adminPort">The service's admin port.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddTcpServiceWithAdminPort(this OpsHealthBuilder builder, string name, string host, int port, int adminPort)
    {
        new OpsCheckFamily(builder.AddTcpServiceCheckType(), CheckType, name, o => ((TcpServiceCheckOptions)o).Host = host)
            .AddRoot<TcpServiceCheck, TcpServiceCheckOptions>(new() { Port = port })
            .AddMember<TcpServiceCheck, TcpServiceCheckOptions>("admin", new() { Port = adminPort });
        return builder;
    }
}
