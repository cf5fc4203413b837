using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UndisposedDbConnectionAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>How OPS0009 finds the opens it looks at: from each file's text, then a syntax test before any binding.</summary>
public sealed class UndisposedDbConnectionSearchTests
{
    private static readonly TestProject Library = TestProject.Library with { Npgsql = true };

    [Fact]
    public Task Every_spelling_of_an_open_is_found_next_to_names_that_only_start_with_Open()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Opener(NpgsqlDataSource dataSource, string connectionString)
            {
                public void OpenTelemetryLike() => OpenedAt(Opening());

                public async Task AllShapesAsync()
                {
                    [|dataSource.OpenConnection()|];
                    await [|dataSource.OpenConnectionAsync()|];
                    var first = new NpgsqlConnection(connectionString);
                    [|first.Open()|];
                    var second = new NpgsqlConnection(connectionString);
                    await [|second.OpenAsync()|];
                }

                private static int Opening() => 0;

                private static void OpenedAt(int value) => _ = value;
            }
            """, Library);

    [Fact]
    public Task An_open_far_into_a_large_file_is_found()
        => Verify.VerifyAsync($$"""
            using Npgsql;

            public sealed class Padded(NpgsqlDataSource dataSource)
            {
                {{string.Join("\n    ", Enumerable.Range(0, 2500).Select(i => $"private int _field{i};"))}}

                public void Warm() => [|dataSource.OpenConnection()|];
            }
            """, Library);

    [Fact]
    public Task A_name_declared_with_using_in_one_function_and_without_in_another_is_still_followed()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Migrator(string connectionString)
            {
                public void Safe()
                {
                    using var connection = new NpgsqlConnection(connectionString);
                    connection.Open();
                    connection.CreateCommand().ExecuteNonQuery();
                }

                public void Both()
                {
                    using (var connection = new NpgsqlConnection(connectionString))
                    {
                        connection.Open();
                    }

                    Action later = () =>
                    {
                        var connection = new NpgsqlConnection(connectionString);
                        [|connection.Open()|];
                        connection.CreateCommand().ExecuteNonQuery();
                    };
                    later();
                }
            }
            """, Library);

    [Fact]
    public Task Connections_declared_with_using_are_silent_with_and_without_the_provider_restored()
    {
        const string Source = """
            using Npgsql;

            public sealed class Migrator(string connectionString)
            {
                public async Task MigrateAsync()
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync();
                    await connection.CreateCommand().ExecuteNonQueryAsync();
                }

                public void Migrate()
                {
                    using (var connection = new NpgsqlConnection(connectionString))
                    {
                        connection.Open();
                        connection.CreateCommand().ExecuteNonQuery();
                    }
                }
            }
            """;
        return Task.WhenAll(Verify.VerifyAsync(Source, Library), Verify.VerifyBrokenAsync(Source, TestProject.Library));
    }

    [Fact]
    public Task Opens_from_a_data_source_into_using_are_silent_and_the_same_shapes_without_using_are_reported()
    {
        const string Source = """
            using System.Data.Common;
            using Npgsql;

            public sealed class Reader(NpgsqlDataSource dataSource)
            {
                public async Task<object?> SafeAsync()
                {
                    await using var first = (DbConnection)(await dataSource.OpenConnectionAsync().ConfigureAwait(false));
                    using (var second = dataSource.OpenConnection())
                    {
                        second.CreateCommand().ExecuteNonQuery();
                    }

                    using (dataSource.OpenConnection())
                    {
                    }

                    return await first.CreateCommand().ExecuteScalarAsync();
                }

                public async Task<object?> LeakyAsync()
                {
                    var first = (DbConnection)(await [|dataSource.OpenConnectionAsync()|].ConfigureAwait(false));
                    var second = [|dataSource.OpenConnection()|];
                    second.CreateCommand().ExecuteNonQuery();
                    return await first.CreateCommand().ExecuteScalarAsync();
                }
            }
            """;
        return Verify.VerifyAsync(Source, Library);
    }

    [Fact]
    public Task Before_restore_an_open_from_a_data_source_into_using_is_silent_and_one_into_a_plain_local_is_reported()
        => Verify.VerifyBrokenAsync("""
            using Npgsql;

            public sealed class Reader(NpgsqlDataSource dataSource)
            {
                public async Task SafeAsync()
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    await connection.CreateCommand().ExecuteNonQueryAsync();
                }

                public async Task LeakyAsync()
                {
                    var connection = await [|dataSource.OpenConnectionAsync()|];
                    await connection.CreateCommand().ExecuteNonQueryAsync();
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task A_created_local_is_recognised_by_its_whole_name_however_short_or_verbatim()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Migrator(string connectionString)
            {
                public void Short()
                {
                    NpgsqlConnection cc, c;
                    cc = new NpgsqlConnection(connectionString);
                    c = new NpgsqlConnection(connectionString);
                    [|c.Open()|];
                    c.CreateCommand().ExecuteNonQuery();
                    cc.Dispose();
                }

                public void Verbatim()
                {
                    var @connection = new NpgsqlConnection(connectionString);
                    [|connection.Open()|];
                    connection.CreateCommand().ExecuteNonQuery();
                }

                public void NotCreatedHere(NpgsqlConnection shared)
                {
                    var sharedConnection = new NpgsqlConnection(connectionString);
                    shared.Open();
                    using var file = File.Open("x", FileMode.Open);
                    sharedConnection.Dispose();
                }
            }
            """, Library);
}
