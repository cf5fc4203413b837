using Npgsql;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>File metadata in PostgreSQL (table <c>files</c>), through the application's one <see cref="NpgsqlDataSource"/>.</summary>
internal sealed class MetadataStore(NpgsqlDataSource dataSource)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS files (
            path text PRIMARY KEY,
            size_bytes bigint NOT NULL,
            content_type text,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now())
        """;

    private const string Upsert = """
        INSERT INTO files (path, size_bytes, content_type) VALUES ($1, $2, $3)
        ON CONFLICT (path) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, content_type = EXCLUDED.content_type, updated_at = now()
        """;

    private volatile bool _schemaReady;

    public bool SchemaReady => _schemaReady;

    /// <summary>Creates the table when it is missing (once per process; safe to call concurrently).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        try
        {
            await using var command = dataSource.CreateCommand(CreateTable);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another instance created it at the same moment.
        }

        _schemaReady = true;
    }

    /// <summary>Reads one row of the table (creating it first when missing): throws when the app's role cannot.</summary>
    public async Task ReadProbeAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT 1 FROM files LIMIT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records (or updates) a stored file in a transaction that commits only when <paramref name="placeFile"/> returns:
    /// a file that could not be moved into place leaves no metadata row behind.
    /// </summary>
    /// <returns>What <paramref name="placeFile"/> returned.</returns>
    public async Task<bool> RecordAsync(string path, long size, string? contentType, Func<bool> placeFile, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(Upsert, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = path });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var placed = placeFile();
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return placed;
    }
}
