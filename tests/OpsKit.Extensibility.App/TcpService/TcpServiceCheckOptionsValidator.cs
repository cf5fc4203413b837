using Microsoft.Extensions.Options;
using OpsKit.Health;

namespace Contoso.OpsKit.TcpService;

/// <summary>Validates each <c>tcp-service</c> check's options with OpsKit's rules; every message names its key.</summary>
public sealed class TcpServiceCheckOptionsValidator : IValidateOptions<TcpServiceCheckOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TcpServiceCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var validation = new OpsCheckOptionsValidation(name);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            validation.Add($"{validation.Key("Host")} is required.");
        }

        if (options.Port is not (>= 1 and <= 65535))
        {
            validation.Add($"{validation.Key("Port")} must be between 1 and 65535.");
        }

        validation.Durations("DegradedAt", options.DegradedAt, "UnhealthyAt", options.UnhealthyAt);
        return validation.ToResult();
    }
}
