using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Validates <c>OpsKit:Health:Groups</c> (every message names the key) and resolves each group's checks by tag. Tags
/// compare case-insensitively, as probe tags do.
/// </summary>
internal static class HealthGroups
{
    public const string Section = OpsHealthOptions.SectionName + ":Groups";

    /// <summary>Whether <paramref name="tag"/> is one of the tags some group selects checks by.</summary>
    public static bool IsGroupTag(OpsHealthOptions options, string tag) =>
        options.Groups.Values.Any(g => g.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase));

    /// <summary>The rules that need only the options: names, paths (no two endpoints on one path), tag lists, details.</summary>
    public static void Validate(OpsHealthOptions options, List<string> failures)
    {
        var paths = options.Paths;
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, path) in new[]
        {
            ("Paths:Live", paths.Live), ("Paths:Ready", paths.Ready), ("Paths:Startup", paths.Startup),
            ("Paths:Details", paths.Details), ("Paths:Details", paths.Details?.TrimEnd('/') + "/maintenance"), ("Paths:Alive", paths.Alive),
        })
        {
            if (!string.IsNullOrEmpty(path))
            {
                taken.TryAdd(Normalize(path), OpsHealthOptions.SectionName + ":" + key);
            }
        }

        foreach (var (name, group) in options.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var prefix = $"{Section}:{name}";
            if (!CheckNames.IsValid(name) || CheckNames.ProbeTags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{prefix}: '{name}' is not a valid group name (names match [a-z0-9][a-z0-9._-]* and are not live, ready or startup, "
                    + "which are the probes' own gRPC service names).");
            }

            if (string.IsNullOrEmpty(group.Path))
            {
                failures.Add($"{prefix}:Path is required.");
            }
            else if (!group.Path.StartsWith('/'))
            {
                failures.Add($"{prefix}:Path must start with '/'.");
            }
            else if (!taken.TryAdd(Normalize(group.Path), prefix + ":Path"))
            {
                failures.Add($"{prefix}:Path '{group.Path}' is already the path of {taken[Normalize(group.Path)]}; give the group a path of its own.");
            }

            if (group.Tags.Count == 0)
            {
                failures.Add($"{prefix}:Tags must list at least one tag (the group's checks are those carrying any of them).");
            }
            else if (group.Tags.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{prefix}:Tags must not contain an empty tag.");
            }

            if (group.Details is { } details && !Enum.IsDefined(details))
            {
                failures.Add($"{prefix}:Details must be Never, Authorized, LocalOrAuthorized or Always.");
            }
        }
    }

    /// <summary>
    /// Resolves every group's checks. A tag that no check carries is an error: the group would answer 200 whatever
    /// happens, and a load balancer trusting it would never take the instance out.
    /// </summary>
    public static IReadOnlyList<HealthGroup> Build(OpsHealthOptions options, IReadOnlyList<CheckDescriptor> checks, List<string> errors)
    {
        var groups = new List<HealthGroup>();
        var known = checks.SelectMany(c => c.AllTags).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, group) in options.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var tag in group.Tags.Where(t => !string.IsNullOrWhiteSpace(t) && !known.Contains(t)))
            {
                errors.Add($"{Section}:{name}:Tags: no check carries the tag '{tag}'."
                    + NearestKey.Hint(tag, known, t => $"'{t}'", "Tags of the registered checks"));
            }

            var members = new bool[checks.Count];
            foreach (var check in checks)
            {
                members[check.Index] = group.Tags.Any(check.AllTags.Contains);
            }

            groups.Add(new HealthGroup(name, group, members));
        }

        return groups;
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
