namespace OpsKit.Redis.Internal;

/// <summary>Validates each policy's <c>OpsKit:Redis:RateLimiting:&lt;policy&gt;</c> at start-up; messages name the key.</summary>
internal sealed class RedisRateLimiterOptionsValidator : IValidateOptions<OpsRedisRateLimiterOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsRedisRateLimiterOptions options)
    {
        var section = $"{OpsRedisRateLimiterOptions.SectionName}:{name}";
        var errors = new List<string>();
        if (options.PermitLimit <= 0)
        {
            errors.Add($"{section}:PermitLimit must be greater than zero.");
        }

        // PEXPIRE has millisecond precision: a shorter window would be a key without TTL.
        if (options.Window < TimeSpan.FromMilliseconds(1))
        {
            errors.Add($"{section}:Window must be at least 1 ms.");
        }

        if (options.KeyPrefix is not null && string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            errors.Add($"{section}:KeyPrefix must not be empty (leave it unset for opskit:ratelimit:{name}:).");
        }

        if (!Enum.IsDefined(options.FailMode))
        {
            errors.Add($"{section}:FailMode must be Open or Closed.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout must be greater than zero.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
