namespace OpsKit.Resilience.Internal;

/// <summary>Validates a pipeline's options; every message names its configuration key.</summary>
internal sealed class PipelineOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<OpsResiliencePipelineOptions>
{
    public static readonly string[] Backoffs = ["List", "Exponential", "Constant", "Linear"];

    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, OpsResiliencePipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var path = PipelineNames.SectionPath(name);
        var errors = new List<string>();
        if (!PipelineNames.IsValid(name))
        {
            errors.Add($"{path}: '{name}' is not a valid pipeline name (names match [a-z0-9][a-z0-9._-]*).");
        }

        Duration(errors, $"{path}:Timeout", options.Timeout, allowInfinite: true);
        Duration(errors, $"{path}:AttemptTimeout", options.AttemptTimeout, allowInfinite: false);
        Duration(errors, $"{path}:IdleReadTimeout", options.IdleReadTimeout, allowInfinite: true);
        if (options.Timeout != System.Threading.Timeout.InfiniteTimeSpan && options.AttemptTimeout > options.Timeout)
        {
            errors.Add($"{path}:AttemptTimeout must not exceed {path}:Timeout.");
        }

        ValidateRetry(errors, path + ":Retry", options.Retry);
        ValidateBreaker(errors, path + ":CircuitBreaker", options.CircuitBreaker);
        ValidateEndpoints(errors, path + ":Endpoints", options);
        ValidateConnection(errors, path + ":Connection", options.Connection);
        ValidateChaos(errors, path + ":Chaos", options.Chaos);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRetry(List<string> errors, string path, OpsRetryOptions retry)
    {
        if (!Backoffs.Contains(retry.Backoff, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:Backoff '{retry.Backoff}' is not a known backoff; use {string.Join(", ", Backoffs)}.");
        }

        for (var i = 0; i < retry.Delays.Count; i++)
        {
            if (retry.Delays[i] < TimeSpan.Zero || retry.Delays[i] > MaxDuration)
            {
                errors.Add($"{path}:Delays:{i.ToString(CultureInfo.InvariantCulture)} must be between 00:00:00 and 1.00:00:00.");
            }
        }

        if (retry.MaxRetryAttempts is { } attempts && (attempts < 1 || attempts > 100))
        {
            errors.Add($"{path}:MaxRetryAttempts must be between 1 and 100.");
        }

        Duration(errors, $"{path}:BaseDelay", retry.BaseDelay, allowInfinite: false, allowZero: true);
        if (retry.MaxDelay is { } max)
        {
            Duration(errors, $"{path}:MaxDelay", max, allowInfinite: false, allowZero: true);
        }
    }

    private static void ValidateBreaker(List<string> errors, string path, OpsCircuitBreakerOptions breaker)
    {
        if (breaker.FailureThreshold < 2)
        {
            errors.Add($"{path}:FailureThreshold must be at least 2 (it is Polly's MinimumThroughput).");
        }

        if (breaker.SamplingDuration < TimeSpan.FromMilliseconds(500) || breaker.SamplingDuration > MaxDuration)
        {
            errors.Add($"{path}:SamplingDuration must be between 00:00:00.5 and 1.00:00:00.");
        }

        if (breaker.BreakDuration < TimeSpan.FromMilliseconds(500) || breaker.BreakDuration > MaxDuration)
        {
            errors.Add($"{path}:BreakDuration must be between 00:00:00.5 and 1.00:00:00.");
        }
    }

    private static void ValidateEndpoints(List<string> errors, string path, OpsResiliencePipelineOptions options)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var at = path + ":" + i.ToString(CultureInfo.InvariantCulture);
            var name = endpoint.Name ?? PipelineNames.DefaultEndpointName(i);
            if (!PipelineNames.IsValid(name))
            {
                errors.Add($"{at}:Name '{name}' is not valid (names match [a-z0-9][a-z0-9._-]*).");
            }
            else if (!names.Add(name))
            {
                errors.Add($"{at}:Name '{name}' is used by another endpoint.");
            }

            if (endpoint.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{at}:Url is required: an absolute http or https address.");
            }
            else if (!string.IsNullOrEmpty(url.UserInfo))
            {
                errors.Add($"{at}:Url must not carry credentials; use a handler or header.");
            }

            if (endpoint.AttemptTimeout is { } attempt)
            {
                Duration(errors, $"{at}:AttemptTimeout", attempt, allowInfinite: false);
            }

            if (endpoint.IdleReadTimeout is { } idle)
            {
                Duration(errors, $"{at}:IdleReadTimeout", idle, allowInfinite: true);
            }
        }
    }

    private static void ValidateConnection(List<string> errors, string path, OpsHttpConnectionOptions connection)
    {
        Duration(errors, $"{path}:ConnectTimeout", connection.ConnectTimeout, allowInfinite: true);
        Duration(errors, $"{path}:PooledConnectionLifetime", connection.PooledConnectionLifetime, allowInfinite: true);
        Duration(errors, $"{path}:PooledConnectionIdleTimeout", connection.PooledConnectionIdleTimeout, allowInfinite: true);
        if (connection.MaxConnectionsPerServer is < 1)
        {
            errors.Add($"{path}:MaxConnectionsPerServer must be at least 1.");
        }
    }

    private void ValidateChaos(List<string> errors, string path, OpsChaosOptions chaos)
    {
        Rate(errors, $"{path}:FaultRate", chaos.FaultRate);
        Rate(errors, $"{path}:LatencyRate", chaos.LatencyRate);
        Rate(errors, $"{path}:OutcomeRate", chaos.OutcomeRate);
        Duration(errors, $"{path}:Latency", chaos.Latency, allowInfinite: false);
        if (chaos.StatusCode is < 100 or > 599)
        {
            errors.Add($"{path}:StatusCode must be an HTTP status code (100-599).");
        }

        if (chaos.Enabled && !chaos.AllowInProduction && environment?.IsProduction() == true)
        {
            errors.Add($"{path}:Enabled: chaos is refused in the Production environment unless {path}:AllowInProduction is true.");
        }
    }

    private static void Rate(List<string> errors, string key, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            errors.Add($"{key} must be between 0 and 1.");
        }
    }

    private static void Duration(List<string> errors, string key, TimeSpan value, bool allowInfinite, bool allowZero = false)
    {
        if (allowInfinite && value == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > MaxDuration)
        {
            errors.Add(allowZero
                ? $"{key} must be between 00:00:00 and 1.00:00:00."
                : $"{key} must be greater than zero and at most 1.00:00:00.");
        }
    }
}
