namespace OpsKit.Sample.PolicyService;

/// <summary>
/// Users who may log in, from <c>PolicyService:Users:&lt;name&gt;</c> = the lowercase hex SHA-256 of the password
/// (never the password itself).
/// </summary>
internal sealed class PolicyUsersOptions
{
    public const string SectionName = "PolicyService";

    public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);
}
