using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>Validates <see cref="OpsSecurityOptions"/>; each message names its <c>OpsKit:Security</c> key.</summary>
internal sealed class OpsSecurityOptionsValidator : IValidateOptions<OpsSecurityOptions>
{
    private const string Section = OpsSecurityOptions.SectionName;

    /// <summary>Registered names become label values: keep them few and short.</summary>
    internal const int MaxNames = 64;

    public ValidateOptionsResult Validate(string? name, OpsSecurityOptions options)
    {
        var errors = new List<string>();
        if (options.TopOffenders is < 1 or > 1000)
        {
            errors.Add($"{Section}:TopOffenders must be between 1 and 1000.");
        }

        if (options.MinimumSigningKeyBits < 128)
        {
            errors.Add($"{Section}:MinimumSigningKeyBits must be at least 128.");
        }

        if (options.EventTypes.Count > MaxNames)
        {
            errors.Add($"{Section}:EventTypes must register at most {MaxNames} types.");
        }

        foreach (var (type, reasons) in options.EventTypes)
        {
            if (!IsName(type))
            {
                errors.Add($"{Section}:EventTypes: the type name '{type}' must match [a-z0-9][a-z0-9_.-]* (at most 64 characters).");
            }

            if (reasons.Count is 0 or > MaxNames)
            {
                errors.Add($"{Section}:EventTypes:{type} must register between 1 and {MaxNames} reasons.");
            }

            for (var i = 0; i < reasons.Count; i++)
            {
                if (!IsName(reasons[i]))
                {
                    errors.Add($"{Section}:EventTypes:{type}:{i} must match [a-z0-9][a-z0-9_.-]* (at most 64 characters).");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsName(string? value) => value is { Length: > 0 and <= 64 } && OpsNames.IsValid(value);
}
