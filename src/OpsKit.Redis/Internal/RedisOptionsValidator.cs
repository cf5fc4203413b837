using System.Globalization;
using Microsoft.Extensions.Options;
using OpsKit.Health;
using OpsKit.Hosting.Internal;

namespace OpsKit.Redis.Internal;

/// <summary>
/// Start-up validation of the Redis checks: the multiplexer must be in DI by the time the host starts, thresholds must
/// make sense. Messages name the configuration key.
/// </summary>
internal sealed class RedisOptionsValidator(IServiceProvider services) :
    IValidateOptions<RedisCheckOptions>,
    IValidateOptions<RedisMemoryCheckOptions>,
    IValidateOptions<RedisLocksCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisCheckOptions options)
    {
        var errors = Common(name, options);
        if (options.DegradedLatency <= TimeSpan.Zero)
        {
            errors.Add($"{Path(name)}:DegradedLatency must be greater than zero.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, RedisMemoryCheckOptions options)
    {
        var errors = Common(name, options);
        Ratios(errors, name, options.DegradedAt, options.UnhealthyAt);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, RedisLocksCheckOptions options)
    {
        var errors = Common(name, options);
        if (options.LockPatterns.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{Path(name)}:LockPatterns must not contain an empty pattern.");
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Path(name)}:LockTimeout must be greater than zero.");
        }

        if (options.MaxKeysScanned <= 0)
        {
            errors.Add($"{Path(name)}:MaxKeysScanned must be greater than zero.");
        }

        if (options.SampleSize < 0)
        {
            errors.Add($"{Path(name)}:SampleSize must not be negative.");
        }

        return Result(errors);
    }

    private List<string> Common(string? name, OpsHealthCheckOptions options)
    {
        var errors = new List<string>();
        var target = ((IRedisCheckOptions)options).Target ?? RedisTarget.Default;
        if (name == target.Name && !target.IsRegistered(services))
        {
            errors.Add(
                $"{Path(name)}: AddRedis() uses the application's {target.ServiceDescription} from dependency injection, " +
                "and none is registered. Register the one shared multiplexer (for example " +
                "services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options))) before the host starts.");
        }
        else if (name == target.Name)
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

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
