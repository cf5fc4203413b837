using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsKit.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// Binds <c>OpsKit:Caching:&lt;name&gt;</c> onto the cache's options after the code's own configuration, so operators
/// can resize a cache without a rebuild. Unknown keys and unreadable values are errors that name the key.
/// </summary>
internal sealed class CacheSectionBinder(IConfiguration? configuration = null) : IPostConfigureOptions<OpsMemoryCacheOptions>
{
    public void PostConfigure(string? name, OpsMemoryCacheOptions options)
    {
        if (configuration is null || string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = configuration.GetSection(CacheNames.SectionPath(name));
        if (!section.Exists())
        {
            return;
        }

        var unknown = ConfigurationKeys.Unknown(section, typeof(OpsMemoryCacheOptions), " of a cache").ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(OpsMemoryCacheOptions), unknown);
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key; cache settings are sizes, durations and ratios, never secrets.
            throw new OptionsValidationException(name, typeof(OpsMemoryCacheOptions), [ex.Message]);
        }
    }
}
