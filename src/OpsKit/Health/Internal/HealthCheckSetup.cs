using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Turns registrations and configuration into the checks the engine runs, collecting every configuration error
/// (each naming its key) instead of stopping at the first.
/// </summary>
internal sealed class HealthCheckSetup(
    IServiceProvider services,
    IOptions<HealthCheckServiceOptions> registrations,
    IOptions<OpsHealthOptions> engineOptions,
    OpsCheckCatalog catalog,
    HealthRedactor redactor,
    IEnumerable<IOpsStartupValidation> validations,
    IConfiguration? configuration = null)
{
    public (IReadOnlyList<CheckDescriptor> Checks, IReadOnlyList<HealthGroup> Groups, IReadOnlyList<string> Errors) Build()
    {
        var errors = new List<string>();
        OpsHealthOptions engine;

        // Groups are resolved from the options as set even when an engine key is invalid, so that one report lists the
        // groups' tag errors too; the checks use the defaults then, so that a bad engine Period is not repeated per check.
        OpsHealthOptions groupSource;
        try
        {
            engine = groupSource = engineOptions.Value;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
            engine = new OpsHealthOptions();
            groupSource = Unvalidated();
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.Message);
            engine = groupSource = new OpsHealthOptions();
        }

        var registered = registrations.Value.Registrations;
        var registeredNames = registered.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        ValidateSections(registeredNames, errors);

        var checks = new List<CheckDescriptor>();
        foreach (var registration in registered)
        {
            if (checks.Any(c => c.Name == registration.Name))
            {
                errors.Add($"Health check name '{registration.Name}' is registered more than once.");
                continue;
            }

            var options = ReadOptions(registration, errors);
            if (options is null)
            {
                continue;
            }

            if (Describe(checks.Count, registration, options, engine, groupSource, errors) is { } descriptor)
            {
                checks.Add(descriptor);
            }
        }

        CheckDependencies.Validate(checks, registeredNames, errors);
        var groups = HealthGroups.Build(groupSource, checks, errors);
        foreach (var validation in validations)
        {
            errors.AddRange(validation.Validate());
        }

        return (checks, groups, errors.Select(redactor.Redact).ToList());
    }

    /// <summary>The engine options as configured, without validation (what the options factory builds before validating).</summary>
    private OpsHealthOptions Unvalidated()
    {
        var options = new OpsHealthOptions();
        foreach (var configure in services.GetServices<IConfigureOptions<OpsHealthOptions>>())
        {
            if (configure is IConfigureNamedOptions<OpsHealthOptions> named)
            {
                named.Configure(Options.DefaultName, options);
            }
            else
            {
                configure.Configure(options);
            }
        }

        foreach (var postConfigure in services.GetServices<IPostConfigureOptions<OpsHealthOptions>>())
        {
            postConfigure.PostConfigure(Options.DefaultName, options);
        }

        return options;
    }

    private void ValidateSections(HashSet<string> registeredNames, List<string> errors)
    {
        if (configuration is null)
        {
            return;
        }

        // The command-line provider reads "--opskit-validate --Some:Key=value" as opskit-validate = "--Some:Key=value",
        // so the setting after the switch would silently not apply.
        if (configuration[ValidateOnlyMode.Switch.TrimStart('-')] is { Length: > 0 } swallowed)
        {
            var argument = swallowed.Split('=', 2)[0];
            errors.Add($"The argument after {ValidateOnlyMode.Switch} ('{argument}') was read as the switch's value and not applied; "
                + $"put {ValidateOnlyMode.Switch} last or set {ValidateOnlyMode.EnvironmentVariable}=1.");
        }

        foreach (var section in configuration.GetSection(CheckNames.ChecksSection).GetChildren())
        {
            if (!CheckNames.IsValid(section.Key))
            {
                errors.Add($"{section.Path}: '{section.Key}' is not a valid check name (names match [a-z0-9][a-z0-9._-]*).");
                continue;
            }

            var type = section["Type"];
            if (string.IsNullOrEmpty(type))
            {
                if (!registeredNames.Contains(section.Key))
                {
                    errors.Add($"{section.Path}:Type is required: no check named '{section.Key}' is registered in code."
                        + NearestKey.Hint(section.Key, registeredNames, name => $"'{name}'", "Registered checks")
                        + $" To declare a new check, set Type to one of: {KnownTypes()}.");
                }
            }
            else if (!catalog.Types.ContainsKey(type))
            {
                errors.Add($"{section.Path}:Type '{type}' is not a known check type. Known types: {KnownTypes()}.");
            }
        }
    }

    private string KnownTypes() =>
        catalog.Types.Count == 0 ? "(none)" : string.Join(", ", catalog.Types.Keys.Order(StringComparer.Ordinal));

    private OpsHealthCheckOptions? ReadOptions(HealthCheckRegistration registration, List<string> errors)
    {
        var typed = catalog.TypedChecks.GetValueOrDefault(registration.Name) ?? ConfiguredType(registration.Name);
        try
        {
            if (typed is not null)
            {
                return typed.GetOptions(services, registration.Name);
            }

            // A plain IHealthCheck: its section may override only the common keys.
            var options = new OpsHealthCheckOptions { Name = registration.Name };
            var section = configuration?.GetSection(CheckNames.SectionPath(registration.Name));
            if (section is not null && section.Exists())
            {
                SectionReader.Bind(section, options);
            }

            return options;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"{CheckNames.SectionPath(registration.Name)}: {ex.Message}");
        }

        return null;
    }

    private CheckTypeRegistration? ConfiguredType(string name)
    {
        var type = configuration?[CheckNames.SectionPath(name) + ":Type"];
        return type is not null ? catalog.Types.GetValueOrDefault(type) : null;
    }

    private static CheckDescriptor? Describe(
        int index,
        HealthCheckRegistration registration,
        OpsHealthCheckOptions options,
        OpsHealthOptions engine,
        OpsHealthOptions groupSource,
        List<string> errors)
    {
        var path = CheckNames.SectionPath(registration.Name);
        var valid = true;

        var allTags = options.Tags ?? [.. registration.Tags];
        var tags = allTags
            .Where(t => CheckNames.ProbeTags.Contains(t, StringComparer.OrdinalIgnoreCase))
            .Select(t => t.ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (options.Tags is { } configuredTags)
        {
            foreach (var tag in configuredTags.Where(t => !CheckNames.ProbeTags.Contains(t, StringComparer.OrdinalIgnoreCase) && !HealthGroups.IsGroupTag(groupSource, t)))
            {
                errors.Add($"{path}:Tags: '{tag}' is not a probe; use live, ready or startup. (Other tags are allowed when a group selects by them: see {HealthGroups.Section}.)");
                valid = false;
            }
        }

        if (tags.Count == 0)
        {
            tags.Add(OpsHealthTags.Ready);
        }

        var period = options.Period ?? engine.Period;
        if (period <= TimeSpan.Zero)
        {
            errors.Add($"{path}:Period must be greater than zero.");
            valid = false;
        }
        else if (options.Period is { } own && own < engine.MinimumPeriod)
        {
            errors.Add(OpsHealthOptionsValidator.TooShort(path + ":Period", engine.MinimumPeriod));
            valid = false;
        }

        var registrationTimeout = registration.Timeout > TimeSpan.Zero && registration.Timeout != System.Threading.Timeout.InfiniteTimeSpan
            ? registration.Timeout
            : (TimeSpan?)null;
        var timeout = options.Timeout ?? registrationTimeout ?? engine.Timeout;
        if (timeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:Timeout must be greater than zero.");
            valid = false;
        }

        var failureThreshold = options.FailureThreshold ?? engine.FailureThreshold;
        var successThreshold = options.SuccessThreshold ?? engine.SuccessThreshold;
        foreach (var (key, threshold) in new[] { ("FailureThreshold", options.FailureThreshold), ("SuccessThreshold", options.SuccessThreshold) })
        {
            if (threshold < 1)
            {
                errors.Add($"{path}:{key} must be at least 1.");
                valid = false;
            }
        }

        var readiness = options.Readiness ?? (options.IsRemoteDependency ? engine.Readiness : CheckReadiness.Required);
        if (!Enum.IsDefined(readiness))
        {
            errors.Add($"{path}:Readiness must be Required or Degrade.");
            valid = false;
        }

        var dependsOn = (options.DependsOn ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).ToList();
        var critical = options.Critical ?? !registration.Tags.Contains(OpsHealthTags.NonCritical);
        return valid
            ? new CheckDescriptor(index, registration, critical, tags, period, timeout, dependsOn, failureThreshold, successThreshold, readiness, allTags)
            : null;
    }
}
