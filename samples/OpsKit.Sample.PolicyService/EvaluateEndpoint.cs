using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// <c>POST /policies/evaluate</c> with <c>{"policy": "…", "input": {…}}</c>: 200 with the decision, 404 for an unknown
/// policy, 500 for a policy whose SQL fails, 503 when the policy database cannot answer. Client mistakes are 4xx: 400
/// for malformed JSON, invalid UTF-8, NUL or unpaired surrogates (which PostgreSQL text and jsonb refuse) or a request
/// without a policy name, 413 for a body over <c>Kestrel:Limits:MaxRequestBodySize</c>, 415 for a body that is not JSON.
/// </summary>
internal static class EvaluateEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, PolicyEvaluator evaluator, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (read.Error is { } error)
        {
            return error;
        }

        var request = read.Request!;
        if (string.IsNullOrWhiteSpace(request.Policy))
        {
            return TypedResults.Problem("'policy' is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var input = request.Input.ValueKind == JsonValueKind.Undefined ? EmptyInput : request.Input;
        try
        {
            return await evaluator.EvaluateAsync(request.Policy, input, cancellationToken).ConfigureAwait(false) is { } allowed
                ? TypedResults.Ok(new EvaluateResponse(request.Policy, allowed))
                : TypedResults.Problem($"No enabled policy named '{request.Policy}'.", statusCode: StatusCodes.Status404NotFound);
        }
        catch (PostgresException)
        {
            // The server answered: the policy's own SQL is broken, not the database.
            return TypedResults.Problem($"Policy '{request.Policy}' could not be evaluated.", statusCode: StatusCodes.Status500InternalServerError);
        }
        catch (NpgsqlException)
        {
            // The health endpoints say why (postgres, postgres.pool); the caller only learns to retry later.
            return TypedResults.Problem("The policy database is unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>
    /// Deserializes the body from the request stream (never read whole into a string) within Kestrel's body limit, and
    /// refuses text PostgreSQL would refuse later as a server error.
    /// </summary>
    private static async Task<(EvaluateRequest? Request, IResult? Error)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("The body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
        {
            return (null, TooLarge());
        }

        EvaluateRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, PolicyJsonContext.Default.EvaluateRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            // InvalidOperationException: invalid UTF-8 or UTF-16 met while transcoding a string value.
            return (null, Malformed());
        }

        return body is null || !JsonText.IsValid(body.Policy) || !JsonText.IsValid(body.Input)
            ? (null, Malformed())
            : (body, null);
    }

    private static IResult Malformed() =>
        TypedResults.Problem("The body is not valid JSON text (malformed, invalid UTF-8, NUL or an unpaired surrogate).", statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge() =>
        TypedResults.Problem("The body is larger than Kestrel:Limits:MaxRequestBodySize.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static JsonElement EmptyInput { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
