using OpsKit.Health.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>Shared rules of the built-in checks' validators; every message names the configuration key.</summary>
internal static class CheckValidation
{
    public static string Key(string name, string key) => CheckNames.SectionPath(name) + ":" + key;

    /// <summary>Both ratios in 0–1 and <c>DegradedAt</c> below <c>UnhealthyAt</c>; a null <c>UnhealthyAt</c> (never) is not checked.</summary>
    public static void Ratios(List<string> failures, string name, double degradedAt, double? unhealthyAt)
    {
        var ok = Ratio(failures, name, "DegradedAt", degradedAt);
        if (unhealthyAt is not { } unhealthy)
        {
            return;
        }

        ok &= Ratio(failures, name, "UnhealthyAt", unhealthy);
        if (ok && degradedAt >= unhealthy)
        {
            failures.Add($"{Key(name, "DegradedAt")} must be less than {Key(name, "UnhealthyAt")}.");
        }
    }

    public static bool Ratio(List<string> failures, string name, string key, double value)
    {
        if (double.IsFinite(value) && value is >= 0 and <= 1)
        {
            return true;
        }

        failures.Add($"{Key(name, key)} must be between 0 and 1.");
        return false;
    }

    public static void Ascending(List<string> failures, string name, string lowerKey, double lower, string upperKey, double upper)
    {
        if (!double.IsFinite(lower) || lower < 0)
        {
            failures.Add($"{Key(name, lowerKey)} must be zero or more.");
        }
        else if (!double.IsFinite(upper) || upper <= lower)
        {
            failures.Add($"{Key(name, upperKey)} must be greater than {Key(name, lowerKey)}.");
        }
    }

    public static bool Required(List<string> failures, string name, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        failures.Add($"{Key(name, key)} is required.");
        return false;
    }

    public static void Positive(List<string> failures, string name, string key, TimeSpan? value, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                failures.Add($"{Key(name, key)} is required.");
            }

            return;
        }

        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key(name, key)} must be greater than zero.");
        }
    }

    public static void Mode(List<string> failures, string name, string key, string? value)
    {
        if (value is not null && !UnixModes.TryParse(value, out _))
        {
            failures.Add($"{Key(name, key)} must be an octal Unix mode such as 0750.");
        }
    }

    public static void Port(List<string> failures, string name, int? port)
    {
        if (port is null)
        {
            failures.Add($"{Key(name, "Port")} is required.");
        }
        else if (port is < 1 or > 65535)
        {
            failures.Add($"{Key(name, "Port")} must be between 1 and 65535.");
        }
    }

    /// <summary>Absolute http(s) URL; the message never repeats the value (it may carry user-info).</summary>
    public static void HttpUrl(List<string> failures, string name, string key, Uri? url)
    {
        if (url is null)
        {
            failures.Add($"{Key(name, key)} is required.");
        }
        else if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Key(name, key)} must be an absolute http or https URL.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            // As for resilience endpoints: a password in a URL ends up in logs, traces and configuration dumps.
            failures.Add($"{Key(name, key)} must not carry credentials (user:password@); send them in a header or a handler instead.");
        }
    }
}
