using OpsKit.Hosting;

namespace OpsKit.Health.Internal;

/// <summary>Validates <c>OpsKit:Logging</c> as part of the engine's start-up report; the message names the key.</summary>
internal sealed class LogLevelOverrideValidation(IOptions<LogLevelOverrideOptions> options) : IOpsStartupValidation
{
    public IEnumerable<string> Validate()
    {
        var max = options.Value.MaxOverrideDuration;
        if (max <= TimeSpan.Zero || max > LogLevelOverrideOptions.Ceiling)
        {
            yield return $"{LogLevelOverrideOptions.SectionName}:{nameof(LogLevelOverrideOptions.MaxOverrideDuration)} must be greater than zero "
                + $"and at most {LogLevelOverrideOptions.Ceiling.ToString("c", CultureInfo.InvariantCulture)} (it is {max.ToString("c", CultureInfo.InvariantCulture)}).";
        }
    }
}
