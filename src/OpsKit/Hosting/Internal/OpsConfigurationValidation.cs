namespace OpsKit.Hosting.Internal;

/// <summary>
/// Reads everything under <c>OpsKit:</c> against the sections the registered capabilities bind
/// (<see cref="OpsConfigurationSection"/>) and reports, by key, every unknown key or section (with the nearest known
/// one) and every value that does not convert (with the accepted format or values); sections for names that are not
/// registered are reported by their capability (checks, caches). With the health engine present the engine reports
/// these with its own (and in <c>--opskit-validate</c>); without it, this fails start-up with them and with every other
/// capability's errors, before any capability starts, so that the first failure does not hide the rest.
/// </summary>
internal sealed class OpsConfigurationValidation(
    IServiceProvider services,
    IEnumerable<OpsConfigurationSection> sections,
    IConfiguration? configuration = null,
    StartupReport? healthEngine = null) : IOpsStartupValidation, IHostedLifecycleService
{
    public const string Root = "OpsKit";

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        var root = configuration?.GetSection(Root);
        if (root is not null && root.Exists())
        {
            Visit(root, Node.Build(sections), errors);
        }

        return errors;
    }

    /// <summary>Registered with the first section, so it runs before the capabilities' own start-up checks.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (healthEngine is null
            && services.GetServices<IOpsStartupValidation>().SelectMany(v => v.Validate()).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(Root, typeof(OpsConfigurationSection), errors);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Visit(IConfigurationSection section, Node node, List<string> errors)
    {
        if (node.Section is { } registered)
        {
            var shape = registered.Resolve is { } resolve
                ? resolve(services, section)
                : registered.OptionsType is { } type ? (type, registered.Qualifier) : null;
            if (shape is { } read)
            {
                errors.AddRange(SectionReader.Read(section, read.Type, read.Qualifier, node.Children.Keys).Errors);
            }
        }

        foreach (var child in section.GetChildren())
        {
            if ((node.Children.GetValueOrDefault(child.Key) ?? node.AnyName) is { } next)
            {
                Visit(child, next, errors);
            }
            else if (node.Section is null && !(section.Path == Root && CapabilitySections().Contains(child.Key)))
            {
                errors.Add($"{child.Path} is not a known key."
                    + NearestKey.Hint(child.Key, node.Children.Keys, key => ConfigurationPath.Combine(section.Path, key)));
            }
        }
    }

    /// <summary>
    /// The top-level sections of every loaded OpsKit package (from the <c>SectionName</c> of its options types). A
    /// configuration shared by several services may hold the section of a capability this one does not register: that
    /// section is unread, not misspelt.
    /// </summary>
    private static HashSet<string> CapabilitySections() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.GetName().Name?.StartsWith(Root, StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => t.GetField("SectionName", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Select(f => f is { IsLiteral: true } ? f.GetRawConstantValue() as string : null)
            .Select(name => name?.Split(':') is [Root, var capability, ..] ? capability : null)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>One segment of the registered paths.</summary>
    private sealed class Node
    {
        public OpsConfigurationSection? Section { get; private set; }

        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Node? AnyName { get; private set; }

        public static Node Build(IEnumerable<OpsConfigurationSection> sections)
        {
            var root = new Node();
            foreach (var section in sections)
            {
                var node = root;
                foreach (var segment in section.Path.Split(':').Skip(1))
                {
                    node = segment == "*"
                        ? node.AnyName ??= new Node()
                        : node.Children.TryGetValue(segment, out var child) ? child : node.Children[segment] = new Node();
                }

                node.Section ??= section;
            }

            return root;
        }
    }
}
