using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation: what each method that takes the app does with it, summarised by OPS0001 from the operations the
/// driver builds while it analyses the method's type (<see cref="AppCallClassifier.OnHelperBlock"/>). OPS0002 does not
/// summarise (most apps register no checks); at the end of the compilation it reads the summaries OPS0001 made and binds
/// only a method that has none (OPS0001 turned off, or a method it does not summarise). A summary is read only once the
/// driver has finished the method's block (<see cref="HelperSummary.IsComplete"/>): whether one analyzer's compilation
/// end can run before another's block actions is not something the driver promises.
/// </summary>
internal static class HelperSummaries
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, HelperSummary>> PerCompilation = new();

    public static ConcurrentDictionary<IMethodSymbol, HelperSummary> For(Compilation compilation)
        => PerCompilation.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, HelperSummary>(SymbolEqualityComparer.Default));
}
