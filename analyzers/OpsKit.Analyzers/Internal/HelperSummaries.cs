using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation: what each method that takes the app does with it, summarised by OPS0001 from the operations the
/// driver builds while it analyses the method's type (<see cref="AppCallClassifier.OnHelperBlock"/>). OPS0002 does not
/// summarise (most apps register no checks); at the end of the compilation it reads the summaries OPS0001 made and binds
/// only a method that has none (OPS0001 turned off, or a method it does not summarise). Every other action of every
/// analyzer has run before the first compilation end action, so a summary is complete when it is read.
/// </summary>
internal static class HelperSummaries
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, HelperSummary>> PerCompilation = new();

    public static ConcurrentDictionary<IMethodSymbol, HelperSummary> For(Compilation compilation)
        => PerCompilation.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, HelperSummary>(SymbolEqualityComparer.Default));
}
