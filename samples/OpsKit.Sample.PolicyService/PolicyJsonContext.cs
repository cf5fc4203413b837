using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsKit.Sample.PolicyService;

/// <summary>Source-generated JSON for the service's requests and answers (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EvaluateRequest))]
[JsonSerializable(typeof(EvaluateResponse))]
[JsonSerializable(typeof(LoginResponse))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
