using OpsKit.Hosting.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Binds a package's own options from a section under <c>OpsKit:</c> the way OpsKit binds its own, so that the
/// package's keys take part in the one start-up report and in <c>--opskit-validate</c>.
/// </summary>
public static class OpsOptionsBuilderExtensions
{
    /// <summary>
    /// Binds <paramref name="path"/> onto the options after the code's own configuration (configuration wins; lists
    /// replace the code's lists). A value that does not convert is reported by key with its accepted format, and a key the
    /// options type does not have is reported with the nearest known key, all in the one start-up report; nothing throws
    /// while binding.
    /// </summary>
    /// <typeparam name="TOptions">The options type; its public properties are the section's keys.</typeparam>
    /// <param name="builder">The options builder.</param>
    /// <param name="path">
    /// The section, starting with <c>OpsKit:</c>, e.g. <c>OpsKit:RabbitMq</c>. A <c>*</c> segment stands for the options
    /// name of named options (<c>OpsKit:RabbitMq:Queues:*</c> binds <c>OpsKit:RabbitMq:Queues:orders</c> onto the options
    /// named <c>orders</c>).
    /// </param>
    /// <returns>The builder.</returns>
    public static OptionsBuilder<TOptions> BindOpsConfiguration<TOptions>(this OptionsBuilder<TOptions> builder, string path)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.StartsWith(OpsConfigurationValidation.Root + ":", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The section must be under {OpsConfigurationValidation.Root}:, e.g. {OpsConfigurationValidation.Root}:RabbitMq; '{path}' is not.", nameof(path));
        }

        builder.Services.AddOpsSection<TOptions>(path);
        return builder;
    }
}
