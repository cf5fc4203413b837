namespace OpsKit.Sample.PolicyService;

/// <summary>Answer of a successful login.</summary>
internal sealed record LoginResponse(string User, bool Authenticated);
