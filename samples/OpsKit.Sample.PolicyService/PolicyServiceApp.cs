using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// The ACGS-PGP policy service (seed 3): policy evaluation on PostgreSQL with a bounded pool, maintenance mode by flag
/// file, strict latency objectives and counted logins.
/// </summary>
public static class PolicyServiceApp
{
    /// <summary>The authentication scheme of <c>POST /auth/login</c> (HTTP Basic against configured users).</summary>
    public const string LoginScheme = "Basic";

    /// <summary>
    /// Builds the service from configuration (appsettings.json, environment, <paramref name="args"/>).
    /// <paramref name="configure"/> runs just before <c>Build()</c>.
    /// </summary>
    /// <param name="args">Command-line arguments; <c>--key=value</c> overrides configuration.</param>
    /// <param name="configure">Last changes to the builder (tests: logging, time).</param>
    /// <returns>The application, endpoints mapped, not started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Request bodies: 1 MiB unless Kestrel:Limits:MaxRequestBodySize says otherwise (ASP.NET Core binds only the
        // Kestrel endpoints and certificates by itself, never the limits; its own default is 30 MB).
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
        });

        // The database: a REQUIRED connection string, validated at start-up by key (never printing the value).
        builder.Services.AddOptions<PolicyDatabaseOptions>()
            .Configure<IConfiguration>((o, configuration) => o.ConnectionString = configuration.GetConnectionString(PolicyDatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PolicyDatabaseOptions>, PolicyDatabaseOptionsValidator>();
        builder.Services.AddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<PolicyDatabaseOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = PolicyDatabaseOptions.PoolName };
            dataSource.ConnectionStringBuilder.ApplicationName ??= PolicyDatabaseOptions.DefaultApplicationName;
            return dataSource.Build();
        });
        builder.Services.AddSingleton<PolicyEvaluator>();

        // Health: the round trip, the client pool (Degraded at 80 % of Maximum Pool Size), server connections and
        // sessions, all on the data source above; maintenance by the flag file in OpsKit:Health:MaintenanceFile.
        builder.Services.AddOpsHealth()
            .AddNpgsql(o => o.PoolName = PolicyDatabaseOptions.PoolName);

        // Logins: HTTP Basic against PolicyService:Users, counted by OpsKit's security signals.
        builder.Services.AddOptions<PolicyUsersOptions>().BindConfiguration(PolicyUsersOptions.SectionName);
        builder.Services.AddAuthentication(LoginScheme)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthenticationHandler>(LoginScheme, null);
        builder.Services.AddAuthorization();
        builder.Services.AddOpsSecuritySignals();
        builder.Services.AddLoginThrottle();

        // Latency objectives (OpsKit:Slo, preset "strict": p95 200 ms warning / 500 ms critical) and metrics.
        builder.Services.AddOpsSlo();
        builder.Services.AddOpsTelemetry();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, PolicyJsonContext.Default));

        configure?.Invoke(builder);
        var app = builder.Build();

        // Before authentication: a throttled attempt never reaches the credential check.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "ACGS-PGP policy service: POST /policies/evaluate, POST /auth/login; /health/ready, /health, /metrics");
        app.MapPost("/auth/login", LoginEndpoint.Handle).RequireAuthorization();
        app.MapPost("/policies/evaluate", EvaluateEndpoint.HandleAsync);
        app.MapOpsHealth();
        app.MapOpsMetrics();
        return app;
    }
}
