using System.Text.Json;

namespace OpsKit.Sample.PolicyService;

/// <summary>Body of <c>POST /policies/evaluate</c>: the policy's name and the input it judges.</summary>
internal sealed record EvaluateRequest(string? Policy, JsonElement Input);
