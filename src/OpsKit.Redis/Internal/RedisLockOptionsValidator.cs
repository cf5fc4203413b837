namespace OpsKit.Redis.Internal;

/// <summary>Validates <c>OpsKit:Redis:Lock</c> at start-up; messages name the key.</summary>
internal sealed class RedisLockOptionsValidator : IValidateOptions<OpsRedisLockOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsRedisLockOptions options)
    {
        var errors = new List<string>();
        // DistributedLock.Redis needs room for its validity margin; below 100 ms a lock could expire while being taken.
        if (options.Expiry < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{OpsRedisLockOptions.SectionName}:Expiry must be at least 100 ms.");
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{OpsRedisLockOptions.SectionName}:RetryDelay must be greater than zero.");
        }

        if (options.MaxRetries < 0)
        {
            errors.Add($"{OpsRedisLockOptions.SectionName}:MaxRetries must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
