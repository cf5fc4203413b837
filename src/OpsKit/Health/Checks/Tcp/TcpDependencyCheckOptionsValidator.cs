using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class TcpDependencyCheckOptionsValidator : IValidateOptions<TcpDependencyCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, TcpDependencyCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Required(failures, name, "Host", options.Host);
        CheckValidation.Port(failures, name, options.Port);
        CheckValidation.Positive(failures, name, "DegradedLatency", options.DegradedLatency);
        return CheckValidation.Result(failures);
    }
}
