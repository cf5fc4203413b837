using System.Reflection;

namespace OpsKit.Health;

/// <summary>
/// Helpers for packages whose <c>Add…()</c> options carry one options object per check.
/// </summary>
public static class OpsHealthCheckOptionsExtensions
{
    /// <summary>
    /// Copies every public read-write property of <paramref name="source"/> onto <paramref name="target"/> (list
    /// properties as new lists), for a package whose <c>Add…()</c> options carry one options object per check and
    /// apply it in <see cref="OpsHealthBuilderExtensions.AddCheck{TCheck, TOptions}(OpsHealthBuilder, string, string, Action{TOptions}, bool?, IEnumerable{string})"/>'s <c>configure</c>: <c>o =&gt; packageOptions.Pool.CopyTo(o)</c>.
    /// </summary>
    /// <typeparam name="TOptions">The check's options.</typeparam>
    /// <param name="source">The options set in code.</param>
    /// <param name="target">The named options instance being configured.</param>
    /// <returns><paramref name="target"/>.</returns>
    public static TOptions CopyTo<TOptions>(this TOptions source, TOptions target)
        where TOptions : OpsHealthCheckOptions
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property is { CanRead: true, CanWrite: true } && property.GetIndexParameters().Length == 0
                && property.SetMethod is { IsPublic: true })
            {
                property.SetValue(target, CopyOf(property.GetValue(source)));
            }
        }

        return target;
    }

    private static object? CopyOf(object? value) => value switch
    {
        IList<string> list => new List<string>(list),
        _ => value,
    };
}
