namespace OpsKit.Analyzers.Field.Building;

/// <summary>
/// What restoring a package set on this machine gave: the direct ids with the version used, the ids dropped (and
/// why), and every resolved package with its compile-time assemblies and dependencies.
/// </summary>
internal sealed record RestoreResult(
    IReadOnlyList<string> Restored,
    IReadOnlyList<string> Dropped,
    IReadOnlyList<RestoredPackage> Packages,
    string? Failure)
{
    public static RestoreResult Empty { get; } = new([], [], [], null);

    /// <summary>The compile-time assemblies of some of the direct ids and everything they depend on, and whether they bring ASP.NET Core.</summary>
    public (IReadOnlyList<string> References, bool AspNetCore) For(IEnumerable<string> directIds)
    {
        var byId = Packages.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(directIds);
        var references = new List<string>();
        var aspNetCore = false;
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var package))
            {
                continue;
            }

            references.AddRange(package.References);
            aspNetCore |= package.AspNetCore;
            foreach (var dependency in package.Dependencies)
            {
                pending.Push(dependency);
            }
        }

        return (references, aspNetCore);
    }
}
