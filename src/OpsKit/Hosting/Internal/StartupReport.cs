namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one start-up report: registered by the health engine, which collects every configuration error (its own, each
/// check's options, every <see cref="IOpsStartupValidation"/>) and prints them together in <c>--opskit-validate</c>.
/// A capability that finds it registered leaves reporting to it; without it, the capability fails start-up itself.
/// </summary>
internal sealed class StartupReport(Func<IReadOnlyList<string>> collect)
{
    /// <summary>Every configuration error, each naming its key; empty when the configuration is valid.</summary>
    public IReadOnlyList<string> Collect() => collect();
}
