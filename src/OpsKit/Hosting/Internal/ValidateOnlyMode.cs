namespace OpsKit.Hosting.Internal;

/// <summary>
/// <c>--opskit-validate</c> or <c>OPSKIT_VALIDATE=1</c>: build the host, validate configuration, run the checks once,
/// print every problem by key and exit 0 or 1 without serving traffic.
/// </summary>
internal static class ValidateOnlyMode
{
    public const string Switch = "--opskit-validate";

    public const string EnvironmentVariable = "OPSKIT_VALIDATE";

    public static bool IsRequested(IEnumerable<string> args, string? environmentValue) =>
        args.Contains(Switch, StringComparer.Ordinal)
        || environmentValue is "1" || string.Equals(environmentValue, "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRequested() =>
        IsRequested(Environment.GetCommandLineArgs(), Environment.GetEnvironmentVariable(EnvironmentVariable));
}
