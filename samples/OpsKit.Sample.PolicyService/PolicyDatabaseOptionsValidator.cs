using Microsoft.Extensions.Options;
using Npgsql;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// The connection string is required and must parse. Messages name the key, never the value (it holds the password).
/// </summary>
internal sealed class PolicyDatabaseOptionsValidator : IValidateOptions<PolicyDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyDatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{PolicyDatabaseOptions.ConnectionStringKey} is required: set it (environment variable " +
                "ConnectionStrings__policydb) to the policy database's Npgsql connection string.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{PolicyDatabaseOptions.ConnectionStringKey} is not a valid Npgsql connection string.");
        }

        return ValidateOptionsResult.Success;
    }
}
