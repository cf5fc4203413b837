using System.Globalization;
using Microsoft.Extensions.Options;
using OpsKit.Health;
using OpsKit.Hosting.Internal;

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
        var errors = Common(name, options);
        Positive(errors, name, "DegradedLatency", options.DegradedLatency);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, PostgresPoolCheckOptions options)
    {
        var errors = Common(name, options);
        Ratios(errors, name, options.DegradedAt, options.UnhealthyAt);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, PostgresConnectionsCheckOptions options)
    {
        var errors = Common(name, options);
        Ratios(errors, name, options.DegradedAt, options.UnhealthyAt);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, PostgresTransactionsCheckOptions options)
    {
        var errors = Common(name, options);
        Positive(errors, name, "LongTransaction", options.LongTransaction);
        Positive(errors, name, "IdleInTransaction", options.IdleInTransaction);
        if (options.MaxSessions < 0)
        {
            errors.Add($"{Path(name)}:MaxSessions must not be negative.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, PostgresReplicationCheckOptions options)
    {
        var errors = Common(name, options);
        Positive(errors, name, "DegradedLag", options.DegradedLag);
        if (options.UnhealthyLag is { } unhealthy)
        {
            Positive(errors, name, "UnhealthyLag", unhealthy);
            if (options.DegradedLag > TimeSpan.Zero && unhealthy > TimeSpan.Zero && options.DegradedLag >= unhealthy)
            {
                errors.Add($"{Path(name)}:DegradedLag must be less than {Path(name)}:UnhealthyLag.");
            }
        }

        return Result(errors);
    }

    private List<string> Common(string? name, OpsHealthCheckOptions options)
    {
        var errors = new List<string>();
        var target = ((IPostgresCheckOptions)options).Target ?? PostgresTarget.Default;
        if (name == target.FirstCheckName && !target.IsRegistered(services))
        {
            errors.Add(
                $"{Path(name)}: AddNpgsql() uses the application's {target.ServiceDescription} from dependency injection, " +
                "and none is registered. Register it (for example services.AddNpgsqlDataSource(connectionString) or " +
                "services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString))) before the host starts.");
        }
        else if (name == target.FirstCheckName)
        {
            errors.AddRange(StartupFailure.ClientCreationErrors(services, target.ServiceDescription, s => target.Resolve(s)));
        }

        return errors;
    }

    private static string Path(string? name) => "OpsKit:Health:Checks:" + name;

    /// <summary>Both ratios in 0–1 and, when the check can turn Unhealthy, Degraded strictly first.</summary>
    private static void Ratios(List<string> errors, string? name, double degradedAt, double? unhealthyAt)
    {
        var valid = Ratio(errors, name, "DegradedAt", degradedAt);
        valid &= Ratio(errors, name, "UnhealthyAt", unhealthyAt);
        if (valid && unhealthyAt is { } unhealthy && degradedAt >= unhealthy)
        {
            errors.Add($"{Path(name)}:DegradedAt must be less than {Path(name)}:UnhealthyAt.");
        }
    }

    private static bool Ratio(List<string> errors, string? name, string key, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Path(name)}:{key} must be between 0 and 1."));
            return false;
        }

        return true;
    }

    private static void Positive(List<string> errors, string? name, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Path(name)}:{key} must be greater than zero.");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
