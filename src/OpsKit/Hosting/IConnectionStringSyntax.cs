using System.Reflection;

namespace OpsKit.Hosting;

/// <summary>
/// The connection-string syntax of a client library, registered by the package that integrates that client (with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IConnectionStringSyntax, T&gt;())</c>), so that a start-up
/// failure in the application's own client factory (a malformed <c>ConnectionStrings:*</c> value) is reported in the
/// start-up report by key instead of as an exception with a stack trace.
/// </summary>
public interface IConnectionStringSyntax
{
    /// <summary>The client library's name as operators know it, e.g. <c>Npgsql</c>.</summary>
    string ClientName { get; }

    /// <summary>The client library's assembly: an exception thrown by one of its methods is blamed on this client.</summary>
    Assembly ClientAssembly { get; }

    /// <summary>Whether <paramref name="connectionString"/> parses as this client's connection string.</summary>
    /// <param name="connectionString">A <c>ConnectionStrings:*</c> value; never logged.</param>
    /// <returns><see langword="true"/> when the client accepts it.</returns>
    bool IsValid(string connectionString);

    /// <summary>
    /// Whether <paramref name="connectionString"/>, valid or not, has this client's shape (<c>Key=Value;…</c> for
    /// Npgsql, <c>host:port,option=value</c> for Redis), so a malformed string is blamed on the client it was meant for.
    /// </summary>
    /// <param name="connectionString">A <c>ConnectionStrings:*</c> value; never logged.</param>
    /// <returns><see langword="true"/> when it looks like this client's syntax.</returns>
    bool LooksLike(string connectionString);
}
