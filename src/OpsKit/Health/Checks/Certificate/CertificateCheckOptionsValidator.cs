namespace OpsKit.Health.Checks.Internal;

internal sealed class CertificateCheckOptionsValidator : CheckOptionsValidator<CertificateCheckOptions>
{
    protected override void Validate(string name, CertificateCheckOptions options, List<string> failures)
    {
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
    }
}
