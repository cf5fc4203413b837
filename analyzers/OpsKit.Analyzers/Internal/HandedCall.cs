using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// A call that hands the app to a method, decided later: whether it sits in an <c>IsDevelopment()</c> branch, and (in
/// the app's own type) where it is, for the diagnostic.
/// </summary>
internal sealed class HandedCall(IMethodSymbol method, bool inDevelopment, Location? location)
{
    public IMethodSymbol Method { get; } = method;

    public bool InDevelopment { get; } = inDevelopment;

    public Location? Location { get; } = location;
}
