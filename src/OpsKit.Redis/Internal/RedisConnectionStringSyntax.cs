using System.Reflection;
using OpsKit.Hosting;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>StackExchange.Redis's configuration-string syntax, so a malformed <c>ConnectionStrings:*</c> value is reported by key.</summary>
internal sealed class RedisConnectionStringSyntax : IConnectionStringSyntax
{
    public string ClientName => "StackExchange.Redis";

    public Assembly ClientAssembly => typeof(ConnectionMultiplexer).Assembly;

    public bool LooksLike(string connectionString)
    {
        var first = connectionString.Split(',', 2)[0];
        return first.Length > 0 && !first.Contains('=', StringComparison.Ordinal);
    }

    public bool IsValid(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString).EndPoints.Count > 0;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }
}
