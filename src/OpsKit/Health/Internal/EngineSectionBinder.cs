using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OpsKit.Health.Internal;

/// <summary>
/// Binds <c>OpsKit:Health</c> after code configuration, so configuration wins (operators change settings without a
/// rebuild). The <c>Checks</c> subsection is bound per check, not here.
/// </summary>
internal sealed class EngineSectionBinder(IConfiguration? configuration = null) : IPostConfigureOptions<OpsHealthOptions>
{
    public void PostConfigure(string? name, OpsHealthOptions options)
    {
        if (configuration is null || name != Options.DefaultName)
        {
            return;
        }

        var section = configuration.GetSection(OpsHealthOptions.SectionName);
        if (!section.Exists())
        {
            return;
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // A value that does not convert ("Timeout": "abc") must not crash the host before the engine can report
            // it: the runner and endpoints read these options while the host is built. The defaults stay in force and
            // start-up (or --opskit-validate) reports the key together with every other problem.
            options.BindingErrors.Add(ex.Message);
        }
    }
}
