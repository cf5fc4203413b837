namespace OpsKit.Analyzers.Internal;

/// <summary>Whether something is visibly there, visibly missing, or out of sight.</summary>
internal enum Evidence
{
    Unknown,
    Present,
    Missing,
}
