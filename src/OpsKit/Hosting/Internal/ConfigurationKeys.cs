using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// Finds configuration keys that no option property reads, so a typo fails start-up naming the key instead of being
/// ignored by the binder. Shared by every OpsKit section binder.
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>
    /// Returns one message per child of <paramref name="section"/> that is not a public property of
    /// <paramref name="optionsType"/> (case-insensitive) nor in <paramref name="alsoKnown"/>:
    /// <c>"{path} is not a known key{qualifier}."</c>.
    /// </summary>
    public static IEnumerable<string> Unknown(IConfigurationSection section, Type optionsType, string qualifier = "", params string[] alsoKnown)
    {
        var known = optionsType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name)
            .Concat(alsoKnown)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return section.GetChildren()
            .Where(child => !known.Contains(child.Key))
            .Select(child => $"{child.Path} is not a known key{qualifier}.");
    }
}
