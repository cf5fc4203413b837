using OpsKit.Health;

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
        var validation = Common(name, options);
        validation.Positive("DegradedLatency", options.DegradedLatency);
        return validation.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, RedisMemoryCheckOptions options)
    {
        var validation = Common(name, options);
        validation.Ratios(options);
        return validation.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, RedisLocksCheckOptions options)
    {
        var validation = Common(name, options);
        if (options.LockPatterns.Any(string.IsNullOrWhiteSpace))
        {
            validation.Add($"{validation.Key("LockPatterns")} must not contain an empty pattern.");
        }

        validation.Positive("LockTimeout", options.LockTimeout);
        if (options.MaxKeysScanned <= 0)
        {
            validation.Add($"{validation.Key("MaxKeysScanned")} must be greater than zero.");
        }

        if (options.SampleSize < 0)
        {
            validation.Add($"{validation.Key("SampleSize")} must not be negative.");
        }

        return validation.ToResult();
    }

    private OpsCheckOptionsValidation Common(string? name, OpsHealthCheckOptions options)
    {
        var validation = new OpsCheckOptionsValidation(name);
        var target = ((IRedisCheckOptions)options).Target ?? RedisTarget.Default;
        if (name != target.Name)
        {
            return validation;
        }

        var errors = target.Client.StartupErrors(
            services,
            $"{validation.Section}: AddRedis() uses the application's {target.Client.Description} from dependency injection, " +
            "and none is registered. Register the one shared multiplexer (for example " +
            "services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options))) before the host starts.");
        foreach (var error in errors)
        {
            validation.Add(error);
        }

        return validation;
    }
}
