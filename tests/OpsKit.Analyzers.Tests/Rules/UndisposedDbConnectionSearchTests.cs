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
}
