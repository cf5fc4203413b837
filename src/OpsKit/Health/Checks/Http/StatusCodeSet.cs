namespace OpsKit.Health.Checks.Internal;

/// <summary>Parses <c>ExpectedStatus</c>: <c>2xx</c>, <c>200</c>, <c>200-399</c>, comma-separated.</summary>
internal sealed class StatusCodeSet
{
    private readonly List<(int From, int To)> _ranges;

    private StatusCodeSet(List<(int From, int To)> ranges) => _ranges = ranges;

    public bool Contains(int code) => _ranges.Exists(r => code >= r.From && code <= r.To);

    public static bool TryParse(string? text, out StatusCodeSet set)
    {
        set = new StatusCodeSet([]);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.Length == 3 && raw[0] is >= '1' and <= '5' && raw.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
            {
                var hundred = (raw[0] - '0') * 100;
                set._ranges.Add((hundred, hundred + 99));
            }
            else if (raw.Split('-', StringSplitOptions.TrimEntries) is [var from, var to] && Code(from) is { } f && Code(to) is { } t && f <= t)
            {
                set._ranges.Add((f, t));
            }
            else if (Code(raw) is { } code)
            {
                set._ranges.Add((code, code));
            }
            else
            {
                return false;
            }
        }

        return set._ranges.Count > 0;
    }

    private static int? Code(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 ? code : null;
}
