using Xunit;

namespace OpsKit.Testing;

/// <summary>
/// Secrets and connection-string fragments that no output (responses, logs, metrics, traces) may carry. Tests put
/// the secrets into an app's configuration and then assert that none of the fragments reaches what they read.
/// </summary>
public static class RedactionCorpus
{
    /// <summary>A database password.</summary>
    public const string Password = "Pg-corpus-pass-7731";

    /// <summary>The password of a client certificate key (Npgsql's <c>SSL Password</c>).</summary>
    public const string SslPassword = "Ssl-corpus-pass-2290";

    /// <summary>A database user name: part of a connection string, so it must not leak either.</summary>
    public const string UserName = "corpus_user_5518";

    /// <summary>Keys that only appear in text when a connection string (or a piece of one) was copied into it.</summary>
    public static IReadOnlyList<string> ConnectionStringKeys { get; } =
        ["Host=", "Server=", "Username=", "User ID=", "Password=", "SSL Password", "Ssl Password", "Database=", "Port="];

    /// <summary>Every fragment above.</summary>
    public static IReadOnlyList<string> Fragments { get; } = [Password, SslPassword, UserName, .. ConnectionStringKeys];

    /// <summary>Fails, naming the fragment and where it was found, when <paramref name="output"/> carries any fragment.</summary>
    public static void AssertAbsent(string output, string where)
    {
        foreach (var fragment in Fragments)
        {
            var at = output.IndexOf(fragment, StringComparison.Ordinal);
            Assert.True(at < 0, $"{where} carries '{fragment}': …{output.Substring(Math.Max(0, at - 80), Math.Min(output.Length - Math.Max(0, at - 80), 200))}…");
        }
    }
}
