namespace OpsKit.Analyzers.Internal;

/// <summary>What a type's declarations say, as syntax, about its part in composing the app (see <see cref="AppRoots.ReadShape"/>).</summary>
internal readonly struct TypeShape(bool mayHaveEntryPoint, bool takesApp)
{
    /// <summary>It may start the app: the top-level program, a type named Program, a Main, a static method with one array parameter.</summary>
    public bool MayHaveEntryPoint { get; } = mayHaveEntryPoint;

    /// <summary>One of its methods takes the app (or a route builder) by the name of its type.</summary>
    public bool TakesApp { get; } = takesApp;
}
