namespace OpsKit.Analyzers.Internal;

/// <summary>What a static class's declarations say, as syntax, about its part in composing the app (see <see cref="AppRoots.ReadShape"/>).</summary>
internal readonly struct TypeShape(bool mayHaveEntryPoint, bool takesApp)
{
    /// <summary>It may start an app: a static method with one array parameter (the command line).</summary>
    public bool MayHaveEntryPoint { get; } = mayHaveEntryPoint;

    /// <summary>One of its methods takes the app (or a route builder) by the name of its type.</summary>
    public bool TakesApp { get; } = takesApp;
}
