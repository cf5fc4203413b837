using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class CertificateCheckOptionsValidator : IValidateOptions<CertificateCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, CertificateCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var hasPath = !string.IsNullOrWhiteSpace(options.Path);
        var hasHost = !string.IsNullOrWhiteSpace(options.Host);
        if (hasPath && (hasHost || options.Port is not null))
        {
            failures.Add($"{CheckValidation.Key(name, "Path")} and {CheckValidation.Key(name, "Host")} exclude each other: set one.");
        }
        else if (!hasPath && !hasHost)
        {
            failures.Add($"{CheckValidation.Key(name, "Path")} is required (or {CheckValidation.Key(name, "Host")} and Port for a TLS endpoint).");
        }
        else if (hasHost)
        {
            CheckValidation.Port(failures, name, options.Port);
        }

        CheckValidation.Ascending(failures, name, "UnhealthyDays", options.UnhealthyDays, "DegradedDays", options.DegradedDays);
        if (options.WarnDays < options.DegradedDays)
        {
            failures.Add($"{CheckValidation.Key(name, "WarnDays")} must be at least {CheckValidation.Key(name, "DegradedDays")}.");
        }

        return CheckValidation.Result(failures);
    }
}
