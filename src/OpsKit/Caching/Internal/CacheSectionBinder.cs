using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// Binds <c>{sectionName}:&lt;name&gt;</c> onto a named cache's options after the code's own configuration, so operators
/// can resize a cache without a rebuild. Unknown keys and unreadable values are errors that name the key. Only for
/// options without secrets (sizes, paths, durations, ratios): the binder's message may quote the value.
/// </summary>
internal sealed class CacheSectionBinder<TOptions>(IConfiguration? configuration, string sectionName, string qualifier)
    : IPostConfigureOptions<TOptions>
    where TOptions : class
{
    public void PostConfigure(string? name, TOptions options)
    {
        if (configuration is null || string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = configuration.GetSection(sectionName + ":" + name);
        if (!section.Exists())
        {
            return;
        }

        var unknown = ConfigurationKeys.Unknown(section, typeof(TOptions), qualifier).ToList();
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
            throw new OptionsValidationException(name, typeof(TOptions), [ex.Message]);
        }
    }
}
