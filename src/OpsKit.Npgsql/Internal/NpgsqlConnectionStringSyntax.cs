using System.Reflection;
using Npgsql;
using OpsKit.Hosting;

namespace OpsKit.Npgsql.Internal;

/// <summary>Npgsql's connection-string syntax, so a malformed <c>ConnectionStrings:*</c> value is reported by key.</summary>
internal sealed class NpgsqlConnectionStringSyntax : IConnectionStringSyntax
{
    public string ClientName => "Npgsql";

    public Assembly ClientAssembly => typeof(NpgsqlDataSource).Assembly;

    public bool LooksLike(string connectionString)
    {
        var equals = connectionString.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && connectionString.AsSpan(0, equals).IndexOfAny(',', ':') < 0;
    }

    public bool IsValid(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }
}
