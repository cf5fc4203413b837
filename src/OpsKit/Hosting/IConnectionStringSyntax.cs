namespace OpsKit.Hosting;

/// <summary>
/// The connection-string syntax of a client library, registered by the OpsKit package for that client, so a start-up
/// failure in the application's own client factory (a malformed <c>ConnectionStrings:*</c> value) can be reported by key
/// instead of as an exception.
/// </summary>
internal interface IConnectionStringSyntax
{
    /// <summary>The client library's name as operators know it, e.g. <c>Npgsql</c>.</summary>
    string ClientName { get; }

    /// <summary>Whether <paramref name="exception"/> was thrown inside this client library.</summary>
    bool Threw(Exception exception);

    /// <summary>Whether <paramref name="connectionString"/> parses as this client's connection string.</summary>
    bool IsValid(string connectionString);

    /// <summary>
    /// Whether <paramref name="connectionString"/>, valid or not, has this client's shape (<c>Key=Value;…</c> for
    /// Npgsql, <c>host:port,option=value</c> for Redis), so a malformed string is blamed on the client it was meant for.
    /// </summary>
    bool LooksLike(string connectionString);
}
