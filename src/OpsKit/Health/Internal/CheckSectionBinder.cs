using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Binds <c>OpsKit:Health:Checks:&lt;name&gt;</c> onto the options of the check with that name, after the code's own
/// configuration, so operators can override thresholds without a rebuild. Unknown keys are errors that name the key.
/// </summary>
internal sealed class CheckSectionBinder<TOptions>(IConfiguration? configuration = null) : IPostConfigureOptions<TOptions>
    where TOptions : OpsHealthCheckOptions
{
    public void PostConfigure(string? name, TOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        options.Name = name;
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(CheckNames.SectionPath(name));
        if (!section.Exists())
        {
            return;
        }

        var unknown = UnknownKeys(section, typeof(TOptions));
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(TOptions), unknown);
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key; the values here are durations, numbers and flags, never secrets.
            throw new OptionsValidationException(name, typeof(TOptions), [ex.Message]);
        }
    }

    internal static List<string> UnknownKeys(IConfigurationSection section, Type optionsType, params string[] alsoKnown)
    {
        var type = section["Type"];
        return ConfigurationKeys.Unknown(section, optionsType, type is null ? string.Empty : $" of a '{type}' check", alsoKnown).ToList();
    }
}
