using System.Globalization;
using System.Text;

namespace OpsKit.Analyzers.Field.Projects;

/// <summary>
/// Just enough of MSBuild's property expansion and condition language to read real project files: <c>$(Name)</c>,
/// the handful of <c>$([MSBuild]::…)</c> functions that project files use to choose frameworks and find files
/// above them, and conditions made of comparisons, <c>and</c>/<c>or</c>/<c>!</c> and <c>Exists()</c>. Anything else
/// expands to an empty string (a condition that cannot be read is false).
/// </summary>
internal static class MsBuildExpressions
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> properties, string thisFileDirectory)
    {
        if (!text.Contains("$(", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var end = MatchingParenthesis(text, i + 1);
                if (end < 0)
                {
                    result.Append(text, i, text.Length - i);
                    break;
                }

                var inner = text.Substring(i + 2, end - i - 2).Trim();
                result.Append(inner.StartsWith('[') ? PropertyFunction(inner, properties, thisFileDirectory) : SimpleProperty(inner, properties));
                i = end + 1;
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    public static bool Condition(string? condition, IReadOnlyDictionary<string, string> properties, string thisFileDirectory)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        try
        {
            var parser = new ConditionParser(Expand(condition, properties, thisFileDirectory), thisFileDirectory);
            return parser.Parse();
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string SimpleProperty(string inner, IReadOnlyDictionary<string, string> properties)
    {
        // $(Name.Replace(...)) and similar string methods: take the property, ignore the method.
        var name = inner;
        var dot = inner.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            name = inner[..dot];
        }

        return properties.TryGetValue(name.Trim(), out var value) ? value : string.Empty;
    }

    private static string PropertyFunction(string inner, IReadOnlyDictionary<string, string> properties, string thisFileDirectory)
    {
        const string Prefix = "[MSBuild]::";
        if (!inner.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var open = inner.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return string.Empty;
        }

        var close = MatchingParenthesis(inner, open);
        if (close < 0)
        {
            return string.Empty;
        }

        var name = inner[Prefix.Length..open];
        var arguments = SplitArguments(inner.Substring(open + 1, close - open - 1))
            .Select(a => Unquote(Expand(a, properties, thisFileDirectory)))
            .ToList();
        string Arg(int index) => index < arguments.Count ? arguments[index] : string.Empty;
        return name.ToUpperInvariant() switch
        {
            "GETPATHOFFILEABOVE" => FindAbove(Arg(0), arguments.Count > 1 ? Arg(1) : thisFileDirectory, directoryOnly: false),
            "GETDIRECTORYNAMEOFFILEABOVE" => FindAbove(Arg(1), Arg(0), directoryOnly: true),
            "ENSURETRAILINGSLASH" => Arg(0).Length == 0 || Arg(0).EndsWith('/') ? Arg(0) : Arg(0) + "/",
            "NORMALIZEDIRECTORY" => Path.GetFullPath(Path.Combine(arguments.Select(a => a.Replace('\\', '/')).ToArray())).TrimEnd('/') + "/",
            "ISTARGETFRAMEWORKCOMPATIBLE" => TargetFrameworks.IsCompatible(Arg(0), Arg(1)) ? "true" : "false",
            "GETTARGETFRAMEWORKIDENTIFIER" => TargetFrameworks.Identifier(Arg(0)),
            "GETTARGETFRAMEWORKVERSION" => TargetFrameworks.Version(Arg(0))?.ToString(2) ?? string.Empty,
            "VERSIONGREATERTHANOREQUALS" => CompareVersions(Arg(0), Arg(1)) >= 0 ? "true" : "false",
            "VERSIONGREATERTHAN" => CompareVersions(Arg(0), Arg(1)) > 0 ? "true" : "false",
            "VERSIONLESSTHAN" => CompareVersions(Arg(0), Arg(1)) < 0 ? "true" : "false",
            "VERSIONLESSTHANOREQUALS" => CompareVersions(Arg(0), Arg(1)) <= 0 ? "true" : "false",
            "VERSIONEQUALS" => CompareVersions(Arg(0), Arg(1)) == 0 ? "true" : "false",
            _ => string.Empty,
        };
    }

    private static string FindAbove(string file, string startDirectory, bool directoryOnly)
    {
        if (file.Length == 0 || startDirectory.Length == 0)
        {
            return string.Empty;
        }

        var directory = new DirectoryInfo(Path.GetFullPath(startDirectory.Replace('\\', '/')));
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, file);
            if (File.Exists(candidate))
            {
                return directoryOnly ? directory.FullName : candidate;
            }

            directory = directory.Parent;
        }

        return string.Empty;
    }

    internal static int CompareVersions(string left, string right)
    {
        static Version Parse(string text)
        {
            var core = text.Trim().TrimStart('v', 'V').Split('-', '+')[0];
            if (!core.Contains('.', StringComparison.Ordinal))
            {
                core += ".0";
            }

            return Version.TryParse(core, out var version) ? version : new Version(0, 0);
        }

        return Parse(left).CompareTo(Parse(right));
    }

    private static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitArguments(string text)
    {
        var result = new List<string>();
        var depth = 0;
        char? quote = null;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                result.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        if (text.Length > 0)
        {
            result.Add(text[start..].Trim());
        }

        return result;
    }

    private static string Unquote(string text)
    {
        text = text.Trim();
        return text.Length >= 2 && (text[0] is '\'' or '"' or '`') && text[^1] == text[0] ? text[1..^1] : text;
    }

    /// <summary>Recursive descent over an already expanded condition.</summary>
    private sealed class ConditionParser(string text, string thisFileDirectory)
    {
        private int position;

        public bool Parse()
        {
            var value = Or();
            SkipSpaces();
            if (position != text.Length)
            {
                throw new FormatException("Trailing text in condition.");
            }

            return value;
        }

        private bool Or()
        {
            var value = And();
            while (Keyword("or"))
            {
                value = And() | value;
            }

            return value;
        }

        private bool And()
        {
            var value = Unary();
            while (Keyword("and"))
            {
                value = Unary() & value;
            }

            return value;
        }

        private bool Unary()
        {
            SkipSpaces();
            if (Peek('!') && !(position + 1 < text.Length && text[position + 1] == '='))
            {
                position++;
                return !Unary();
            }

            if (Peek('('))
            {
                position++;
                var inner = Or();
                Expect(')');
                return inner;
            }

            var left = Operand();
            SkipSpaces();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (string.CompareOrdinal(text, position, op, 0, op.Length) == 0)
                {
                    position += op.Length;
                    var right = Operand();
                    return Compare(left.Text, op, right.Text);
                }
            }

            return left.Truth ?? string.Equals(left.Text, "true", StringComparison.OrdinalIgnoreCase);
        }

        private static bool Compare(string left, string op, string right)
        {
            if (op is "==" or "!=")
            {
                var equal = string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);
                return op == "==" ? equal : !equal;
            }

            var leftNumber = double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l);
            var rightNumber = double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r);
            var comparison = leftNumber && rightNumber ? l.CompareTo(r) : CompareVersions(left, right);
            return op switch
            {
                "<" => comparison < 0,
                ">" => comparison > 0,
                "<=" => comparison <= 0,
                _ => comparison >= 0,
            };
        }

        private (string Text, bool? Truth) Operand()
        {
            SkipSpaces();
            if (position >= text.Length)
            {
                throw new FormatException("Missing operand.");
            }

            var c = text[position];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, position + 1);
                if (end < 0)
                {
                    throw new FormatException("Unterminated string.");
                }

                var value = text.Substring(position + 1, end - position - 1);
                position = end + 1;
                return (value, null);
            }

            var start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '.' or '_' or '-'))
            {
                position++;
            }

            var word = text[start..position];
            if (word.Length == 0)
            {
                throw new FormatException("Unexpected character in condition.");
            }

            SkipSpaces();
            if (Peek('('))
            {
                var close = MatchingParenthesis(text, position);
                if (close < 0)
                {
                    throw new FormatException("Unbalanced call.");
                }

                var argument = Unquote(text.Substring(position + 1, close - position - 1));
                position = close + 1;
                return word.ToUpperInvariant() switch
                {
                    "EXISTS" => (string.Empty, argument.Length > 0 && PathExists(argument)),
                    "HASTRAILINGSLASH" => (string.Empty, argument.EndsWith('/') || argument.EndsWith('\\')),
                    _ => (string.Empty, false),
                };
            }

            return (word, null);
        }

        private bool PathExists(string path)
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(thisFileDirectory, path.Replace('\\', '/'));
            return File.Exists(full) || Directory.Exists(full);
        }

        private bool Keyword(string keyword)
        {
            SkipSpaces();
            if (position + keyword.Length <= text.Length
                && string.Compare(text, position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (position + keyword.Length == text.Length || !char.IsLetterOrDigit(text[position + keyword.Length])))
            {
                position += keyword.Length;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (!Peek(c))
            {
                throw new FormatException($"Expected '{c}'.");
            }

            position++;
        }

        private bool Peek(char c) => position < text.Length && text[position] == c;

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }
    }
}
