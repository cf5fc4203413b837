namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one way OpsKit binds configuration onto options: after the code's own configuration (configuration wins), only
/// the values that convert, lists replacing the code's lists. It never throws and never reports: the start-up
/// validation (<see cref="OpsConfigurationValidation"/>) reads the same sections and reports every problem by key in the
/// one start-up report, so a host with a bad value still builds far enough to report all of them.
/// </summary>
/// <param name="configuration">The application's configuration; nothing is bound without it.</param>
/// <param name="path">
/// The section, e.g. <c>OpsKit:Telemetry</c>; a <c>*</c> segment stands for the options name
/// (<c>OpsKit:Health:Checks:*</c>), and then every named instance binds its own section.
/// </param>
/// <param name="target">The object the section binds onto, when not the options themselves (e.g. a dictionary of them).</param>
/// <param name="named">Called with the name of every named instance before binding.</param>
internal sealed class OpsSectionBinder<TOptions>(
    IConfiguration? configuration,
    string path,
    Func<TOptions, object>? target = null,
    Action<string, TOptions>? named = null) : IPostConfigureOptions<TOptions>
    where TOptions : class
{
    public void PostConfigure(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isNamed = path.Contains('*', StringComparison.Ordinal);
        if (isNamed ? string.IsNullOrEmpty(name) : name != Options.DefaultName)
        {
            return;
        }

        if (isNamed)
        {
            named?.Invoke(name!, options);
        }

        var section = configuration?.GetSection(isNamed ? path.Replace("*", name, StringComparison.Ordinal) : path);
        if (section is not null && section.Exists())
        {
            SectionReader.Bind(section, target?.Invoke(options) ?? options);
        }
    }
}
