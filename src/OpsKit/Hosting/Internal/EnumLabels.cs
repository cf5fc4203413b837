using System.Collections.Frozen;
using System.Text.Json;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// The label value of a member of an enum that lists a bounded set of label values: its name in snake_case
/// (<c>CacheClear</c> is <c>cache_clear</c>), computed once per enum. An enum keeps a label set closed where a string
/// parameter would take any value.
/// </summary>
internal static class EnumLabels
{
    public static string Label<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>()
            .ToFrozenDictionary(static v => v, static v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));
    }
}
