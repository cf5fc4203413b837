namespace OpsKit.Soak;

/// <summary>One bound of the soak, what was measured against it, and whether it held.</summary>
internal sealed record SoakVerdict(string Bound, string Measured, bool Holds);
