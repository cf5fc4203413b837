using System.Text.RegularExpressions;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one rule for names that become metric labels and configuration keys (checks, resilience pipelines, caches,
/// objectives, security event types): lowercase letters, digits, '.', '_' and '-', starting with a letter or digit.
/// </summary>
internal static partial class OpsNames
{
    /// <summary>The rule as messages state it.</summary>
    public const string Rule = "[a-z0-9][a-z0-9._-]*";

    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule when <paramref name="name"/> breaks it.</summary>
    /// <param name="name">The name.</param>
    /// <param name="what">What it names, as the message starts, e.g. <c>Health check</c>.</param>
    /// <param name="becomes">What the name becomes, e.g. <c>metric labels and configuration keys</c>.</param>
    public static void ThrowIfInvalid(string name, string what, string becomes)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name))
        {
            throw new ArgumentException($"{what} name '{name}' is not valid: names match {Rule} (they become {becomes}).", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
