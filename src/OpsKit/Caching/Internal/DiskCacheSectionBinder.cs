using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsKit.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// Binds <c>OpsKit:Caching:Disk:&lt;name&gt;</c> onto a disk-cache bound's options after the code's own
/// configuration. Unknown keys and unreadable values are errors that name the key.
/// </summary>
internal sealed class DiskCacheSectionBinder(IConfiguration? configuration = null) : IPostConfigureOptions<OpsDiskCacheBoundOptions>
{
    public void PostConfigure(string? name, OpsDiskCacheBoundOptions options)
    {
        if (configuration is null || string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = configuration.GetSection(DiskCacheCatalog.SectionPath(name));
        if (!section.Exists())
        {
            return;
        }

        var unknown = ConfigurationKeys.Unknown(section, typeof(OpsDiskCacheBoundOptions), " of a disk cache bound").ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(OpsDiskCacheBoundOptions), unknown);
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key; these settings are a path, sizes and durations, never secrets.
            throw new OptionsValidationException(name, typeof(OpsDiskCacheBoundOptions), [ex.Message]);
        }
    }
}
