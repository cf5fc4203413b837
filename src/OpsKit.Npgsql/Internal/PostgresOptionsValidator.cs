using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// Start-up validation of the PostgreSQL checks: the data source must be in DI by the time the host starts (it may be
/// registered after <c>AddNpgsql()</c>), and thresholds must make sense. Messages name the configuration key.
/// </summary>
internal sealed class PostgresOptionsValidator(IServiceProvider services) :
    IValidateOptions<PostgresCheckOptions>,
    IValidateOptions<PostgresPoolCheckOptions>,
    IValidateOptions<PostgresConnectionsCheckOptions>,
    IValidateOptions<PostgresTransactionsCheckOptions>,
    IValidateOptions<PostgresReplicationCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresCheckOptions options)
    {
        var validation = Common(name, options);
        validation.Positive("DegradedLatency", options.DegradedLatency);
        return validation.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, PostgresPoolCheckOptions options)
    {
        var validation = Common(name, options);
        validation.Ratios(options);
        return validation.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, PostgresConnectionsCheckOptions options)
    {
        var validation = Common(name, options);
        validation.Ratios(options);
        return validation.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, PostgresTransactionsCheckOptions options)
    {
        var validation = Common(name, options);
        validation.Positive("LongTransaction", options.LongTransaction);
        validation.Positive("IdleInTransaction", options.IdleInTransaction);
        if (options.MaxSessions < 0)
        {
            validation.Add($"{validation.Key("MaxSessions")} must not be negative.");
        }

        return validation.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, PostgresReplicationCheckOptions options)
    {
        var validation = Common(name, options);
        validation.Durations("DegradedLag", options.DegradedLag, "UnhealthyLag", options.UnhealthyLag);
        return validation.ToResult();
    }

    private OpsCheckOptionsValidation Common(string? name, OpsHealthCheckOptions options)
    {
        var validation = new OpsCheckOptionsValidation(name);
        var target = ((IPostgresCheckOptions)options).Target ?? PostgresTarget.Default;
        if (name != target.FirstCheckName)
        {
            return validation;
        }

        var errors = target.DataSource.StartupErrors(
            services,
            $"{validation.Section}: AddNpgsql() uses the application's {target.DataSource.Description} from dependency injection, " +
            "and none is registered. Register it (for example services.AddNpgsqlDataSource(connectionString) or " +
            "services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString))) before the host starts.");
        foreach (var error in errors)
        {
            validation.Add(error);
        }

        return validation;
    }
}
