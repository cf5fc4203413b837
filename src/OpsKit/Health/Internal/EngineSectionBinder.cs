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
        if (section.Exists())
        {
            section.Bind(options);
        }
    }
}
