namespace OpsKit.Health.Checks.Internal;

internal sealed class HttpDependencyCheckOptionsValidator : CheckOptionsValidator<HttpDependencyCheckOptions>
{
    protected override void Validate(string name, HttpDependencyCheckOptions options, List<string> failures)
    {
        CheckValidation.HttpUrl(failures, name, "Url", options.Url);
        if (string.IsNullOrWhiteSpace(options.Method) || !options.Method.All(char.IsAsciiLetter))
        {
            failures.Add($"{CheckValidation.Key(name, "Method")} must be an HTTP method such as GET or HEAD.");
        }

        if (!StatusCodeSet.TryParse(options.ExpectedStatus, out _))
        {
            failures.Add($"{CheckValidation.Key(name, "ExpectedStatus")} must list status codes, classes or ranges, e.g. 2xx or 200,204 or 200-399.");
        }

        CheckValidation.Positive(failures, name, "DegradedLatency", options.DegradedLatency);
        if (options.JsonPath is { } path)
        {
            if (!SimpleJsonPath.IsValid(path))
            {
                failures.Add($"{CheckValidation.Key(name, "JsonPath")} must be a path like $.status or $.items[0].state.");
            }

            if (options.HealthyValues is not { Count: > 0 })
            {
                failures.Add($"{CheckValidation.Key(name, "HealthyValues")} is required with {CheckValidation.Key(name, "JsonPath")}.");
            }
        }
        else if (options.HealthyValues is { Count: > 0 } || options.DegradedValues is { Count: > 0 })
        {
            failures.Add($"{CheckValidation.Key(name, "JsonPath")} is required with HealthyValues or DegradedValues.");
        }
    }
}
