namespace OpsKit.Health.Internal;

/// <summary><c>OpsKit:Logging</c>: the bounds of temporary log levels set through <c>POST /ops/logging</c>.</summary>
internal sealed class LogLevelOverrideOptions
{
    public const string SectionName = "OpsKit:Logging";

    /// <summary>How long an override lasts when the request names no duration (shortened to the maximum).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);

    /// <summary>The longest configurable maximum: a forgotten override must not outlive a working day.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromDays(1);

    /// <summary>The longest duration a request may ask for.</summary>
    public TimeSpan MaxOverrideDuration { get; set; } = TimeSpan.FromHours(1);
}
