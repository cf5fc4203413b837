using System.Diagnostics;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one OpsKit <see cref="ActivitySource"/> (<c>OpsKit</c>). Unlike a meter it cannot come from a factory, so it is
/// process-wide; a span is only created when a tracer provider listens to this name (docs/tracing.md).
/// </summary>
internal static class OpsKitActivitySource
{
    public const string Name = "OpsKit";

    public static ActivitySource Instance { get; } = new(Name, typeof(OpsKitActivitySource).Assembly.GetName().Version?.ToString(3));
}
