using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Reads list options from .editorconfig (<c>OPS0001.mapping_methods = MapPlatform|Company.Web.Setup.MapProbes</c>).
/// Entries are separated by '|' or ',' and name a method either by its simple name or by its containing type's
/// full name followed by '.' and the method name.
/// </summary>
internal static class RuleOptions
{
    private static readonly char[] Separators = ['|', ',', ';'];

    public static ImmutableHashSet<string> GetList(AnalyzerOptions options, SyntaxTree tree, string key)
    {
        if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var raw)
            && !options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out raw))
        {
            return ImmutableHashSet<string>.Empty;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var part in raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.ToImmutable();
    }

    public static bool MatchesMethod(ImmutableHashSet<string> entries, IMethodSymbol method)
    {
        if (entries.Count == 0)
        {
            return false;
        }

        var original = method.ReducedFrom ?? method.OriginalDefinition;
        if (entries.Contains(original.Name))
        {
            return true;
        }

        var containing = original.ContainingType?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        return containing is not null && entries.Contains(containing + "." + original.Name);
    }

    public static bool MatchesType(ImmutableHashSet<string> entries, ITypeSymbol type)
    {
        if (entries.Count == 0)
        {
            return false;
        }

        return entries.Contains(type.Name)
            || entries.Contains(type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)));
    }
}
