namespace OpsKit.Health.Internal;

/// <summary>One temporary minimum level: <paramref name="Category"/> and its sub-categories log from <paramref name="Level"/> until <paramref name="Expires"/>.</summary>
internal readonly record struct LogLevelOverride(string Category, LogLevel Level, DateTimeOffset Expires);
