namespace OpsKit.Health.Checks.Internal;

/// <summary>Octal mode strings (<c>0750</c>) to and from <see cref="UnixFileMode"/>.</summary>
internal static class UnixModes
{
    private const int AllBits = 0xFFF; // 07777: permission, setuid, setgid and sticky bits

    public static bool TryParse(string? text, out UnixFileMode mode)
    {
        mode = UnixFileMode.None;
        if (string.IsNullOrEmpty(text) || text.Length is < 3 or > 5)
        {
            return false;
        }

        var value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }

            value = (value * 8) + (c - '0');
        }

        if (value > AllBits)
        {
            return false;
        }

        mode = (UnixFileMode)value;
        return true;
    }

    public static string Format(UnixFileMode mode) =>
        "0" + Convert.ToString((int)mode & AllBits, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
