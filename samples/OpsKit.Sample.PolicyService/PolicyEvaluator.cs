using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// Evaluates policies stored in PostgreSQL. A policy is a row of <c>policies(name text primary key, condition text not
/// null, enabled boolean not null default true)</c> whose <c>condition</c> is a SQL boolean expression over the request's
/// <c>input jsonb</c> (for example <c>input-&gt;&gt;'role' = 'admin'</c>); PostgreSQL evaluates it, so a policy is as fast
/// as its SQL. Policy authors are trusted administrators: conditions come from the database, never from the request.
/// </summary>
internal sealed class PolicyEvaluator(NpgsqlDataSource dataSource)
{
    /// <summary>The decision, or null when no enabled policy has that name.</summary>
    public async Task<bool?> EvaluateAsync(string policy, JsonElement input, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            string? condition;
            var lookup = new NpgsqlCommand("SELECT condition FROM policies WHERE name = $1 AND enabled", connection)
            {
                Parameters = { new NpgsqlParameter { Value = policy } },
            };
            await using (lookup.ConfigureAwait(false))
            {
                condition = await lookup.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }

            if (condition is null)
            {
                return null;
            }

#pragma warning disable CA2100 // The condition is a stored policy written by administrators; the request only supplies the bound jsonb input.
            var evaluate = new NpgsqlCommand($"SELECT coalesce(({condition})::boolean, false) FROM (SELECT $1::jsonb AS input) AS request", connection)
#pragma warning restore CA2100
            {
                Parameters = { new NpgsqlParameter { Value = input.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb } },
            };
            await using (evaluate.ConfigureAwait(false))
            {
                return await evaluate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
            }
        }
    }
}
