using System.Text.Json.Serialization;

namespace OpsKit.Sample.ApiFront;

/// <summary>The body of <c>GET /api/v1/test</c>; <see cref="RequestsThisMinute"/> is null while Redis is unavailable.</summary>
internal sealed record TestResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("requests_this_minute")] long? RequestsThisMinute);
