namespace OpsKit.Sample.PolicyService;

/// <summary>The decision of one policy for one input.</summary>
internal sealed record EvaluateResponse(string Policy, bool Allowed);
