using OpsKit.Analyzers.Tests.Helpers;
using Fix = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.UndisposedDbConnectionAnalyzer, OpsKit.Analyzers.Rules.UndisposedDbConnectionCodeFix>;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UndisposedDbConnectionAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class UndisposedDbConnectionTests
{
    private static readonly TestProject Library = TestProject.Library with { Npgsql = true };

    // ---- leaks ----

    [Fact]
    public Task OpenConnection_held_in_a_local_without_dispose_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource)
            {
                public long Count()
                {
                    var connection = [|dataSource.OpenConnection()|];
                    using var command = new NpgsqlCommand("SELECT count(*) FROM policies", connection);
                    return (long)command.ExecuteScalar()!;
                }
            }
            """, Library);

    [Fact]
    public Task Awaited_OpenConnectionAsync_held_in_a_local_without_dispose_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource)
            {
                public async Task<long> CountAsync(CancellationToken cancellationToken)
                {
                    var connection = await [|dataSource.OpenConnectionAsync(cancellationToken)|].ConfigureAwait(false);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT count(*) FROM policies";
                    return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }
            }
            """, Library);

    [Fact]
    public Task Discarded_connection_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Warmup(NpgsqlDataSource dataSource)
            {
                public async Task WarmAsync()
                {
                    await [|dataSource.OpenConnectionAsync()|];
                    [|dataSource.OpenConnection()|];
                    _ = [|dataSource.OpenConnectionAsync()|];
                }
            }
            """, Library);

    [Fact]
    public Task Connection_used_as_a_receiver_and_dropped_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Pinger(NpgsqlDataSource dataSource)
            {
                public object? Ping() => [|dataSource.OpenConnection()|].CreateCommand().ExecuteScalar();
            }
            """, Library);

    [Fact]
    public Task Open_on_a_connection_created_by_new_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Migrator(string connectionString)
            {
                public async Task MigrateAsync()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    await [|connection.OpenAsync()|];
                    await using var command = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS t (id int)", connection);
                    await command.ExecuteNonQueryAsync();
                    await connection.OpenAsync();
                }
            }
            """, Library);

    [Fact]
    public Task Open_on_a_connection_from_CreateConnection_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Reader(NpgsqlDataSource dataSource)
            {
                public void Touch()
                {
                    var connection = dataSource.CreateConnection();
                    [|connection.Open()|];
                    connection.CreateCommand().ExecuteNonQuery();
                }
            }
            """, Library);

    [Fact]
    public Task Dispose_only_on_the_happy_path_without_finally_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Writer(NpgsqlDataSource dataSource)
            {
                public void Write(int id)
                {
                    var connection = [|dataSource.OpenConnection()|];
                    using var command = new NpgsqlCommand("INSERT INTO t VALUES ($1)", connection);
                    command.Parameters.AddWithValue(id);
                    command.ExecuteNonQuery();
                    connection.Dispose();
                }
            }
            """, Library);

    [Fact]
    public Task Leak_in_a_minimal_API_handler_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/policies", async (NpgsqlDataSource dataSource) =>
            {
                var connection = await [|dataSource.OpenConnectionAsync()|];
                var command = new NpgsqlCommand("SELECT count(*) FROM policies", connection);
                return (long)(await command.ExecuteScalarAsync())!;
            });
            app.Run();
            """, TestProject.WebApp with { Npgsql = true });

    [Fact]
    public Task Extension_methods_on_the_connection_use_it_and_do_not_own_it()
        => Verify.VerifyAsync("""
            using System.Data.Common;
            using Npgsql;

            public static class SqlMapper
            {
                public static int Execute(this DbConnection connection, string sql) => 0;
            }

            public sealed class Writer(NpgsqlDataSource dataSource)
            {
                public int Delete()
                {
                    var connection = [|dataSource.OpenConnection()|];
                    return connection.Execute("DELETE FROM t");
                }

                public int Truncate() => [|dataSource.OpenConnection()|].Execute("TRUNCATE t");
            }
            """, Library);

    [Fact]
    public Task Connection_set_on_a_local_command_is_still_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Writer(NpgsqlDataSource dataSource)
            {
                public void Write()
                {
                    var connection = [|dataSource.OpenConnection()|];
                    using var command = new NpgsqlCommand("DELETE FROM t");
                    command.Connection = connection;
                    command.ExecuteNonQuery();
                }
            }
            """, Library);

    // ---- compliant code stays silent ----

    [Fact]
    public Task Command_handed_out_with_its_connection_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Commands(NpgsqlDataSource dataSource)
            {
                public NpgsqlCommand Create(string sql)
                {
                    var connection = dataSource.OpenConnection();
                    return new NpgsqlCommand(sql, connection);
                }

                public NpgsqlCommand CreateLater(string sql)
                {
                    var connection = dataSource.OpenConnection();
                    var command = new NpgsqlCommand(sql, connection);
                    return command;
                }
            }
            """, Library);

    [Fact]
    public Task Half_broken_compilation_does_not_throw_and_a_connection_reaching_broken_code_is_silent()
        => Verify.VerifyBrokenAsync("""
            using Npgsql;

            public sealed class Reader(NpgsqlDataSource dataSource)
            {
                public object? Read()
                {
                    var connection = dataSource.OpenConnection();
                    return Missing.Run(connection.CreateCommand(Unknown.Sql));
                }

                public object? Leak(string sql)
                {
                    var connection = [|dataSource.OpenConnection()|];
                    return connection.CreateCommand().ExecuteScalar(Unknown.Behavior);
                }
            }
            """, Library);

    [Fact]
    public Task Before_restore_a_well_known_provider_connection_opened_and_dropped_is_still_reported()
        => Verify.VerifyBrokenAsync("""
            using Npgsql;

            public sealed class OrderQueries(NpgsqlDataSource dataSource, string connectionString)
            {
                public object CommandFor(string sql)
                {
                    var connection = [|dataSource.OpenConnection()|];
                    var command = connection.CreateCommand();
                    command.CommandText = sql;
                    return command;
                }

                public async Task WarmAsync()
                {
                    await [|dataSource.OpenConnectionAsync()|];
                }

                public object? Total()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    [|connection.Open()|];
                    var total = connection.CreateCommand().ExecuteScalar();
                    connection.Close();
                    return total;
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task Before_restore_an_oracle_connection_opened_from_a_data_source_field_only_to_build_a_command_is_reported()
        => Verify.VerifyBrokenAsync("""
            using Oracle.ManagedDataAccess.Client;

            public sealed class JobStore
            {
                private readonly OracleDataSource _source;
                private readonly CancellationToken _stopping;

                public JobStore(OracleDataSource source, CancellationToken stopping)
                {
                    _source = source;
                    _stopping = stopping;
                }

                public async Task<OracleCommand> CommandFor(string sql)
                {
                    var connection = await [|_source.OpenConnectionAsync(_stopping)|];
                    var command = connection.CreateCommand(sql);
                    return command;
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task A_connection_of_a_resolved_data_source_used_only_through_an_extension_that_is_not_restored_yet_is_reported()
        => Verify.VerifyBrokenAsync("""
            using System.Data.Common;
            using Vendor.Sql.Extensions;

            public sealed class JobStore(DbDataSource source)
            {
                public async Task<DbCommand> CommandFor(string sql)
                {
                    var connection = await [|source.OpenConnectionAsync()|];
                    var command = connection.CreateCommand(sql);
                    return command;
                }

                public async Task<object> Handed(string sql)
                {
                    var connection = await source.OpenConnectionAsync();
                    return Vendor.Sql.Extensions.Wrap(connection, sql);
                }

                public async Task<object?> DisposedInFinally(string sql)
                {
                    var connection = await source.OpenConnectionAsync();
                    try
                    {
                        return connection.QueryScalar(sql);
                    }
                    finally
                    {
                        connection.Dispose();
                    }
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task Before_restore_a_data_source_of_the_project_that_returns_the_provider_connection_is_still_followed()
        => Verify.VerifyBrokenAsync("""
            using System.Data.Common;
            using Npgsql;

            internal sealed class TenantDataSource(string connectionString) : DbDataSource
            {
                public override string ConnectionString => connectionString;

                protected override DbConnection CreateDbConnection() => throw new NotSupportedException();

                public new async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
                {
                    var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(cancellationToken);
                    return connection;
                }
            }

            public sealed class ReportStore(string connectionString)
            {
                private readonly TenantDataSource _source = new(connectionString);

                public async Task<object> CommandFor(string sql)
                {
                    var connection = await [|_source.OpenConnectionAsync()|];
                    var command = connection.CreateCommand(sql);
                    return command;
                }

                public async Task<object?> Disposed(string sql)
                {
                    await using var connection = await _source.OpenConnectionAsync();
                    return connection.ExecuteScalar(sql);
                }

                public async Task<object> Returned()
                {
                    var connection = await _source.OpenConnectionAsync();
                    return connection;
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task Before_restore_connections_that_are_disposed_handed_on_or_not_a_provider_type_are_silent()
        => Verify.VerifyBrokenAsync("""
            using Npgsql;

            public sealed class OrderQueries(NpgsqlDataSource dataSource, string connectionString)
            {
                public async Task<object?> DisposedAsync()
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    return await connection.CreateCommand().ExecuteScalarAsync();
                }

                public object? ClosedInFinally()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    try
                    {
                        connection.Open();
                        return connection.CreateCommand().ExecuteScalar();
                    }
                    finally
                    {
                        connection.Dispose();
                    }
                }

                public NpgsqlConnection Returned()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    connection.Open();
                    return connection;
                }

                public object? HandedToACommand(string sql)
                {
                    var connection = dataSource.OpenConnection();
                    using var command = new NpgsqlCommand(sql, connection);
                    return command.ExecuteScalar();
                }

                public async Task<string> DisposedThroughConfigureAwaitAsync()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    await using (connection.ConfigureAwait(false))
                    {
                        await connection.OpenAsync();
                        return connection.ServerVersion;
                    }
                }

                public void NotADatabase()
                {
                    var tunnel = new TunnelConnection(connectionString);
                    tunnel.Open();
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task Using_declarations_and_statements_are_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource, string connectionString)
            {
                public async Task<object?> ReadAsync()
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    return await connection.CreateCommand().ExecuteScalarAsync();
                }

                public object? Read()
                {
                    using var connection = dataSource.OpenConnection();
                    return connection.CreateCommand().ExecuteScalar();
                }

                public object? ReadBlock()
                {
                    using (var connection = dataSource.OpenConnection())
                    {
                        return connection.CreateCommand().ExecuteScalar();
                    }
                }

                public async Task<object?> ReadCreatedAsync()
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync();
                    return await connection.CreateCommand().ExecuteScalarAsync();
                }

                public object? ReadExisting()
                {
                    var connection = dataSource.OpenConnection();
                    using (connection)
                    {
                        return connection.CreateCommand().ExecuteScalar();
                    }
                }
            }
            """, Library);

    [Fact]
    public Task Await_using_of_the_ConfigureAwait_wrapper_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class PolicyEvaluator(NpgsqlDataSource dataSource)
            {
                public async Task<object?> EvaluateAsync(string policy, CancellationToken cancellationToken)
                {
                    var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    await using (connection.ConfigureAwait(false))
                    {
                        var lookup = new NpgsqlCommand("SELECT condition FROM policies WHERE name = $1", connection);
                        await using (lookup.ConfigureAwait(false))
                        {
                            return await lookup.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                public async Task<object?> RunAsync(CancellationToken cancellationToken)
                {
                    NpgsqlConnection connection;
                    try
                    {
                        connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (NpgsqlException)
                    {
                        return null;
                    }

                    await using var configured = connection.ConfigureAwait(false);
                    return await connection.CreateCommand().ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            """, Library);

    [Fact]
    public Task ConfigureAwait_wrapper_that_is_never_disposed_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Reader(NpgsqlDataSource dataSource)
            {
                public async Task<object?> ReadAsync()
                {
                    var connection = await [|dataSource.OpenConnectionAsync()|].ConfigureAwait(false);
                    var configured = connection.ConfigureAwait(false);
                    return await connection.CreateCommand().ExecuteScalarAsync().ConfigureAwait(false);
                }
            }
            """, Library);

    [Fact]
    public Task Dispose_or_Close_in_finally_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Writer(NpgsqlDataSource dataSource)
            {
                public void Write()
                {
                    var connection = dataSource.OpenConnection();
                    try
                    {
                        connection.CreateCommand().ExecuteNonQuery();
                    }
                    finally
                    {
                        connection.Dispose();
                    }
                }

                public async Task WriteAsync()
                {
                    NpgsqlConnection? connection = null;
                    try
                    {
                        connection = await dataSource.OpenConnectionAsync();
                        await connection.CreateCommand().ExecuteNonQueryAsync();
                    }
                    finally
                    {
                        await (connection?.CloseAsync() ?? Task.CompletedTask);
                        connection?.Dispose();
                    }
                }
            }
            """, Library);

    [Fact]
    public Task Connection_kept_in_a_field_only_after_setup_calls_that_may_throw_is_reported()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Listener(NpgsqlDataSource dataSource)
            {
                private NpgsqlConnection? _listening;
                private readonly Dictionary<int, (NpgsqlConnection Connection, NpgsqlTransaction Transaction)> _held = [];

                public async Task ListenAsync(CancellationToken cancellationToken)
                {
                    var connection = await [|dataSource.OpenConnectionAsync(cancellationToken)|];
                    await using (var command = new NpgsqlCommand("LISTEN jobs", connection))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }

                    _listening = connection;
                }

                public async Task<bool> HoldAsync(int id, CancellationToken cancellationToken)
                {
                    try
                    {
                        var connection = await [|dataSource.OpenConnectionAsync(cancellationToken)|];
                        var transaction = await connection.BeginTransactionAsync(cancellationToken);
                        _held[id] = (connection, transaction);
                        return true;
                    }
                    catch (Exception)
                    {
                        return false; // the connection opened above is dropped here
                    }
                }
            }
            """, Library);

    [Fact]
    public Task Connection_kept_in_a_field_before_setup_or_disposed_by_a_catch_all_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Listener(NpgsqlDataSource dataSource)
            {
                private NpgsqlConnection? _listening;

                public async Task ListenAsync(CancellationToken cancellationToken)
                {
                    var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    _listening = connection;
                    await using var command = new NpgsqlCommand("LISTEN jobs", connection);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                public async Task ListenGuardedAsync(CancellationToken cancellationToken)
                {
                    var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    try
                    {
                        await using var command = new NpgsqlCommand("LISTEN jobs", connection);
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                    catch
                    {
                        await connection.DisposeAsync();
                        throw;
                    }

                    _listening = connection;
                }

                public async Task ListenFilteredAsync(CancellationToken cancellationToken)
                {
                    var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    connection.Notification += (_, _) => { };
                    _listening = connection;
                }
            }
            """, Library);

    [Fact]
    public Task Before_restore_a_connection_kept_in_a_field_only_after_setup_calls_is_reported()
        => Verify.VerifyBrokenAsync("""
            using Oracle.ManagedDataAccess.Client;

            public sealed class LockHolder(OracleDataSource source)
            {
                private readonly Dictionary<int, (OracleConnection, OracleTransaction)> _held = new();
                private OracleConnection? _first;

                public async Task<bool> TryHoldAsync(int id, CancellationToken token)
                {
                    try
                    {
                        var connection = await [|source.OpenConnectionAsync(token)|];
                        var transaction = (OracleTransaction)await connection.BeginTransactionAsync(token);
                        _held[id] = (connection, transaction);
                        return true;
                    }
                    catch (Exception)
                    {
                        return false;
                    }
                }

                public async Task KeepAsync(CancellationToken token)
                {
                    var connection = await source.OpenConnectionAsync(token);
                    _first = connection;
                    await connection.BeginTransactionAsync(token);
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task Before_restore_a_connection_from_the_projects_own_data_source_kept_in_a_field_after_setup_calls_is_reported()
        => Verify.VerifyBrokenAsync("""
            using System.Data.Common;
            using Oracle.ManagedDataAccess.Client;

            internal sealed class LockDataSource(string connectionString) : DbDataSource
            {
                public override string ConnectionString => connectionString;

                protected override DbConnection CreateDbConnection() => throw new NotSupportedException();

                public new async Task<OracleConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
                {
                    var connection = new OracleConnection(connectionString);
                    await connection.OpenAsync(cancellationToken);
                    return connection;
                }
            }

            internal sealed class RowLocks(LockDataSource source)
            {
                private readonly Dictionary<int, (OracleConnection, OracleTransaction)> _held = new();
                private OracleConnection? _owned;

                public async Task<bool> TryTakeAsync(int id, CancellationToken token)
                {
                    try
                    {
                        var connection = await [|source.OpenConnectionAsync(token)|];
                        var transaction = (OracleTransaction)await connection.BeginTransactionAsync(token);
                        try
                        {
                            await transaction.CommitAsync(token);
                            _held[id] = (connection, transaction);
                            return true;
                        }
                        catch (OracleException busy) when (busy.Number == 54)
                        {
                            await connection.DisposeAsync();
                            return false;
                        }
                    }
                    catch (Exception)
                    {
                        return false;
                    }
                }

                public async Task OwnFirstAsync(CancellationToken token)
                {
                    var connection = await source.OpenConnectionAsync(token);
                    _owned = connection;
                    await connection.BeginTransactionAsync(token);
                }

                public async Task DisposeOnFailureAsync(int id, CancellationToken token)
                {
                    var connection = await source.OpenConnectionAsync(token);
                    try
                    {
                        var transaction = (OracleTransaction)await connection.BeginTransactionAsync(token);
                        _held[id] = (connection, transaction);
                    }
                    catch
                    {
                        await connection.DisposeAsync();
                        throw;
                    }
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task Returned_connection_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class ConnectionFactory(NpgsqlDataSource dataSource)
            {
                public NpgsqlConnection Open() => dataSource.OpenConnection();

                public ValueTask<NpgsqlConnection> OpenAsync() => dataSource.OpenConnectionAsync();

                public async Task<NpgsqlConnection> OpenCheckedAsync()
                {
                    var connection = await dataSource.OpenConnectionAsync();
                    await connection.CreateCommand().ExecuteNonQueryAsync();
                    return connection;
                }
            }
            """, Library);

    [Fact]
    public Task Connection_assigned_to_a_field_or_property_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class Session(NpgsqlDataSource dataSource) : IDisposable
            {
                private NpgsqlConnection? _connection;

                public NpgsqlConnection? Current { get; private set; }

                public void Start()
                {
                    var connection = dataSource.OpenConnection();
                    _connection = connection;
                    Current = dataSource.OpenConnection();
                }

                public void Dispose()
                {
                    _connection?.Dispose();
                    Current?.Dispose();
                }
            }
            """, Library);

    [Fact]
    public Task Connection_passed_to_a_constructor_or_method_or_collection_or_lambda_is_silent()
        => Verify.VerifyAsync("""
            using System.Data;
            using Npgsql;

            public sealed class UnitOfWork(NpgsqlConnection connection) : IDisposable
            {
                public NpgsqlConnection Connection { get; } = connection;

                public void Dispose() => Connection.Dispose();
            }

            public sealed class Factory(NpgsqlDataSource dataSource)
            {
                private readonly List<NpgsqlConnection> _open = [];

                public UnitOfWork Begin()
                {
                    var connection = dataSource.OpenConnection();
                    return new UnitOfWork(connection);
                }

                public void Track() => _open.Add(dataSource.OpenConnection());

                public void Keep()
                {
                    var connection = dataSource.OpenConnection();
                    _open.Add(connection);
                }

                public Func<object?> Later()
                {
                    var connection = dataSource.OpenConnection();
                    return () => connection.CreateCommand().ExecuteScalar();
                }

                public IDataReader Stream(string sql)
                {
                    var command = dataSource.OpenConnection().CreateCommand();
                    command.CommandText = sql;
                    return command.ExecuteReader(CommandBehavior.CloseConnection);
                }

                public IDataReader Reader(string sql)
                {
                    var connection = dataSource.OpenConnection();
                    var command = new NpgsqlCommand(sql, connection);
                    return command.ExecuteReader(CommandBehavior.CloseConnection);
                }
            }
            """, Library);

    [Fact]
    public Task Connection_created_elsewhere_and_opened_here_is_silent()
        => Verify.VerifyAsync("""
            using System.Data.Common;

            public sealed class Opener(DbConnection shared, Func<DbConnection> factory)
            {
                public void OpenShared() => shared.Open();

                public void OpenFromFactory()
                {
                    var connection = factory();
                    connection.Open();
                }
            }
            """, Library);

    [Fact]
    public Task Test_project_is_silent()
        => Verify.VerifyAsync("""
            using Npgsql;

            public sealed class PolicyTests(NpgsqlDataSource dataSource)
            {
                public void Holds_a_connection() => dataSource.OpenConnection();
            }
            """, Library with { IsTest = true });

    [Fact]
    public Task Test_helpers_in_a_project_named_like_tests_are_silent_without_IsTestProject()
        => Verify.VerifyAsync("""
            using Npgsql;

            public static class Seed
            {
                public static void Insert(NpgsqlDataSource dataSource) => dataSource.OpenConnection();
            }
            """, Library with { AssemblyName = "Billing.Data.IntegrationTests" });

    // ---- provider independence ----

    [Fact]
    public Task Any_providers_DbDataSource_from_the_BCL_is_reported_without_Npgsql()
        => Verify.VerifyAsync("""
            using System.Data.Common;

            public sealed class Reader(DbDataSource dataSource)
            {
                public async Task<object?> ReadAsync()
                {
                    var connection = await [|dataSource.OpenConnectionAsync()|];
                    using var command = connection.CreateCommand();
                    return await command.ExecuteScalarAsync();
                }

                public object? ReadSafely()
                {
                    using var connection = dataSource.OpenConnection();
                    return connection.CreateCommand().ExecuteScalar();
                }

                public void Touch()
                {
                    var connection = dataSource.CreateConnection();
                    [|connection.Open()|];
                }
            }
            """, TestProject.BareConsole with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    // ---- code fix ----

    [Fact]
    public Task Fix_turns_the_async_declaration_into_await_using()
        => Fix.VerifyFixAsync("""
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource)
            {
                public async Task<object?> ReadAsync()
                {
                    // the policy count
                    var connection = await [|dataSource.OpenConnectionAsync()|]; // pooled
                    return await connection.CreateCommand().ExecuteScalarAsync();
                }
            }
            """, """
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource)
            {
                public async Task<object?> ReadAsync()
                {
                    // the policy count
                    await using var connection = await dataSource.OpenConnectionAsync(); // pooled
                    return await connection.CreateCommand().ExecuteScalarAsync();
                }
            }
            """, Library);

    [Fact]
    public Task Fix_turns_the_sync_declaration_into_using()
        => Fix.VerifyFixAsync("""
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource)
            {
                public object? Read()
                {
                    NpgsqlConnection connection = [|dataSource.OpenConnection()|];
                    return connection.CreateCommand().ExecuteScalar();
                }
            }
            """, """
            using Npgsql;

            public sealed class PolicyReader(NpgsqlDataSource dataSource)
            {
                public object? Read()
                {
                    using NpgsqlConnection connection = dataSource.OpenConnection();
                    return connection.CreateCommand().ExecuteScalar();
                }
            }
            """, Library);

    [Fact]
    public Task FixAll_fixes_every_declaration_in_the_document()
        => Fix.VerifyFixAllAsync("""
            using Npgsql;

            public sealed class Store(NpgsqlDataSource dataSource, string connectionString)
            {
                public async Task<object?> GetAsync()
                {
                    var connection = await [|dataSource.OpenConnectionAsync()|].ConfigureAwait(false);
                    return await connection.CreateCommand().ExecuteScalarAsync().ConfigureAwait(false);
                }

                public void Set()
                {
                    var connection = [|dataSource.OpenConnection()|];
                    connection.CreateCommand().ExecuteNonQuery();
                }

                public async Task MigrateAsync()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    await [|connection.OpenAsync()|];
                    await connection.CreateCommand().ExecuteNonQueryAsync();
                }
            }
            """, """
            using Npgsql;

            public sealed class Store(NpgsqlDataSource dataSource, string connectionString)
            {
                public async Task<object?> GetAsync()
                {
                    await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
                    return await connection.CreateCommand().ExecuteScalarAsync().ConfigureAwait(false);
                }

                public void Set()
                {
                    using var connection = dataSource.OpenConnection();
                    connection.CreateCommand().ExecuteNonQuery();
                }

                public async Task MigrateAsync()
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync();
                    await connection.CreateCommand().ExecuteNonQueryAsync();
                }
            }
            """, Library);

    [Fact]
    public Task Fix_in_top_level_statements_uses_await_using()
        => Fix.VerifyFixAsync("""
            using Npgsql;

            await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");
            var connection = await [|dataSource.OpenConnectionAsync()|];
            Console.WriteLine(await connection.CreateCommand().ExecuteScalarAsync());
            """, """
            using Npgsql;

            await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");
            await using var connection = await dataSource.OpenConnectionAsync();
            Console.WriteLine(await connection.CreateCommand().ExecuteScalarAsync());
            """, TestProject.BareConsole with { Npgsql = true });

    [Fact]
    public Task No_fix_when_the_local_is_reassigned()
        => Fix.VerifyNoFixAsync("""
            using Npgsql;

            public sealed class Reader(string connectionString)
            {
                public void Read()
                {
                    var connection = new NpgsqlConnection(connectionString);
                    [|connection.Open()|];
                    connection.CreateCommand().ExecuteNonQuery();
                    connection = new NpgsqlConnection(connectionString);
                }
            }
            """, Library);

    [Fact]
    public Task No_fix_for_a_discarded_connection()
        => Fix.VerifyNoFixAsync("""
            using Npgsql;

            public sealed class Warmup(NpgsqlDataSource dataSource)
            {
                public void Warm() => [|dataSource.OpenConnection()|];
            }
            """, Library);
}
