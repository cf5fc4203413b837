using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Start-up rules of <c>DependsOn</c>: every name is a registered check, no check depends on itself, and the
/// dependencies form no cycle (the runner waits for a dependency's run in progress, so a cycle would wait forever).
/// </summary>
internal static class CheckDependencies
{
    /// <param name="checks">The checks whose options are valid.</param>
    /// <param name="registered">Every registered name, also of checks whose own options failed (reported already).</param>
    /// <param name="errors">Where the errors go.</param>
    public static void Validate(IReadOnlyList<CheckDescriptor> checks, IReadOnlySet<string> registered, List<string> errors)
    {
        var byName = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var valid = true;
        foreach (var check in checks)
        {
            var key = CheckNames.SectionPath(check.Name) + ":DependsOn";
            foreach (var dependency in check.DependsOn)
            {
                if (dependency == check.Name)
                {
                    errors.Add($"{key}: check '{check.Name}' cannot depend on itself.");
                    valid = false;
                }
                else if (!registered.Contains(dependency))
                {
                    errors.Add($"{key}: '{dependency}' is not a registered check."
                        + NearestKey.Hint(dependency, registered, name => $"'{name}'", "Registered checks"));
                    valid = false;
                }
            }
        }

        if (valid && FindCycle(checks, byName) is { } cycle)
        {
            errors.Add($"{CheckNames.SectionPath(cycle[0])}:DependsOn: the dependencies form a cycle ({string.Join(" -> ", cycle)}); "
                + "remove one of them.");
        }
    }

    /// <summary>The names along the first cycle found (first name repeated at the end), or null.</summary>
    private static List<string>? FindCycle(IReadOnlyList<CheckDescriptor> checks, Dictionary<string, CheckDescriptor> byName)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();

        List<string>? Visit(CheckDescriptor check)
        {
            if (state.TryGetValue(check.Name, out var done))
            {
                return done ? null : [.. path.SkipWhile(n => n != check.Name), check.Name];
            }

            state[check.Name] = false;
            path.Add(check.Name);
            foreach (var dependency in check.DependsOn)
            {
                if (byName.TryGetValue(dependency, out var next) && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[check.Name] = true;
            return null;
        }

        foreach (var check in checks)
        {
            if (Visit(check) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
