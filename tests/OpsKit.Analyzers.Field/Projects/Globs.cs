using System.Text;
using System.Text.RegularExpressions;

namespace OpsKit.Analyzers.Field.Projects;

/// <summary>MSBuild item globs (<c>**</c>, <c>*</c>, <c>?</c>) over absolute paths.</summary>
internal static class Globs
{
    public static IEnumerable<string> Expand(string absolutePattern)
    {
        var pattern = absolutePattern.Replace('\\', '/');
        var segments = pattern.Split('/');
        var fixedCount = segments.TakeWhile(s => !s.Contains('*', StringComparison.Ordinal) && !s.Contains('?', StringComparison.Ordinal)).Count();
        var root = string.Join('/', segments.Take(fixedCount));
        if (root.Length == 0)
        {
            root = "/";
        }

        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = ToRegex(Path.GetFullPath(root) + "/" + string.Join('/', segments.Skip(fixedCount)));
        var recursive = segments.Skip(fixedCount).Count() > 1 || pattern.Contains("**", StringComparison.Ordinal);
        return Directory.EnumerateFiles(root, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => regex.IsMatch(f));
    }

    public static Regex ToRegex(string absolutePattern)
    {
        var pattern = absolutePattern.Replace('\\', '/');
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more directories.
                if (i + 2 < pattern.Length && pattern[i + 2] == '/')
                {
                    builder.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    builder.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                builder.Append("[^/]*");
            }
            else if (c == '?')
            {
                builder.Append("[^/]");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        builder.Append('$');
        return new Regex(builder.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }
}
