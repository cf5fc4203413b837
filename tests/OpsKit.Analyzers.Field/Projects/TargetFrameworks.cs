using System.Globalization;

namespace OpsKit.Analyzers.Field.Projects;

/// <summary>Target framework monikers: which one of a multi-targeting project to compile, and its preprocessor symbols.</summary>
internal static class TargetFrameworks
{
    /// <summary>The framework an IDE shows first for analysis: the highest .NET (Core) one, else the first listed.</summary>
    public static string Choose(IEnumerable<string> frameworks)
    {
        var list = frameworks.Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (list.Count == 0)
        {
            return "net10.0";
        }

        var modern = list.Where(f => Identifier(f) == ".NETCoreApp").OrderByDescending(f => Version(f)).FirstOrDefault();
        return modern ?? list[0];
    }

    public static string Identifier(string moniker)
    {
        var tfm = Strip(moniker);
        if (tfm.StartsWith("netstandard", StringComparison.OrdinalIgnoreCase))
        {
            return ".NETStandard";
        }

        if (tfm.StartsWith("netcoreapp", StringComparison.OrdinalIgnoreCase))
        {
            return ".NETCoreApp";
        }

        if (tfm.StartsWith("net", StringComparison.OrdinalIgnoreCase))
        {
            return tfm.Contains('.', StringComparison.Ordinal) ? ".NETCoreApp" : ".NETFramework";
        }

        return string.Empty;
    }

    public static Version? Version(string moniker)
    {
        var tfm = Strip(moniker);
        var digits = new string(tfm.SkipWhile(c => !char.IsDigit(c)).ToArray());
        if (digits.Length == 0)
        {
            return null;
        }

        if (!digits.Contains('.', StringComparison.Ordinal))
        {
            // net48 / net472: one digit per part.
            digits = string.Join('.', digits.Select(c => c.ToString()));
            if (!digits.Contains('.', StringComparison.Ordinal))
            {
                digits += ".0";
            }
        }

        return System.Version.TryParse(digits, out var version) ? version : null;
    }

    public static bool IsCompatible(string target, string candidate)
    {
        var targetId = Identifier(target);
        var candidateId = Identifier(candidate);
        var targetVersion = Version(target) ?? new Version(0, 0);
        var candidateVersion = Version(candidate) ?? new Version(0, 0);
        if (targetId == candidateId)
        {
            return targetVersion >= candidateVersion;
        }

        return targetId == ".NETCoreApp" && candidateId == ".NETStandard";
    }

    /// <summary>The symbols the SDK defines for a framework (NET, NET8_0, NET8_0_OR_GREATER … NETCOREAPP3_1_OR_GREATER).</summary>
    public static IEnumerable<string> PreprocessorSymbols(string moniker)
    {
        var identifier = Identifier(moniker);
        var version = Version(moniker) ?? new Version(0, 0);
        string Name(Version v) => string.Create(CultureInfo.InvariantCulture, $"{v.Major}_{v.Minor}");
        if (identifier == ".NETCoreApp")
        {
            yield return "NETCOREAPP";
            if (version.Major >= 5)
            {
                yield return "NET";
                yield return "NET" + Name(version);
                for (var major = 5; major <= version.Major; major++)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"NET{major}_0_OR_GREATER");
                }
            }
            else
            {
                yield return "NETCOREAPP" + Name(version);
            }

            foreach (var legacy in new[] { "1_0", "1_1", "2_0", "2_1", "2_2", "3_0", "3_1" })
            {
                yield return "NETCOREAPP" + legacy + "_OR_GREATER";
            }
        }
        else if (identifier == ".NETStandard")
        {
            yield return "NETSTANDARD";
            yield return "NETSTANDARD" + Name(version);
            yield return "NETSTANDARD" + Name(version) + "_OR_GREATER";
        }
        else if (identifier == ".NETFramework")
        {
            yield return "NETFRAMEWORK";
            yield return "NET" + string.Concat(moniker.Where(char.IsDigit));
        }
    }

    private static string Strip(string moniker)
    {
        var dash = moniker.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? moniker[..dash] : moniker).Trim();
    }
}
