using System.Text.Json;
using Npgsql;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// <c>POST /policies/evaluate</c> with <c>{"policy": "…", "input": {…}}</c>: 200 with the decision, 404 for an unknown
/// policy, 500 for a policy whose SQL fails, 400 for a request without a policy name, 503 when the policy database cannot answer.
/// </summary>
internal static class EvaluateEndpoint
{
    public static async Task<IResult> HandleAsync(EvaluateRequest request, PolicyEvaluator evaluator, CancellationToken cancellationToken)
    {
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

    private static JsonElement EmptyInput { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
