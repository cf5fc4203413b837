using OpsKit.Hosting.Internal;

namespace OpsKit.Slo.Internal;

/// <summary>Applies presets under the explicit keys and validates every objective; each message names its key.</summary>
internal static class SloSettingsResolver
{
    private static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public static string SectionPath(string name) => OpsSloOptions.SectionName + ":" + name;

    public static bool IsValidName(string name) => OpsNames.IsValid(name);

    public static (IReadOnlyList<SloSettings> Objectives, IReadOnlyList<string> Errors) Resolve(OpsSloOptions options)
    {
        var errors = new List<string>();
        var objectives = new List<SloSettings>();
        foreach (var (name, objective) in options.Objectives.OrderBy(static o => o.Key, StringComparer.Ordinal))
        {
            var before = errors.Count;
            var settings = Resolve(name, objective, errors);
            if (settings is not null && errors.Count == before)
            {
                objectives.Add(settings);
            }
        }

        return (objectives, errors);
    }

    private static SloSettings? Resolve(string name, OpsSloObjectiveOptions options, List<string> errors)
    {
        var path = SectionPath(name);
        if (options is null)
        {
            errors.Add($"{path} is empty.");
            return null;
        }

        if (!IsValidName(name))
        {
            errors.Add($"{path}: '{name}' is not a valid objective name (names match [a-z0-9][a-z0-9._-]*).");
        }

        SloPresets.Preset? preset = null;
        if (!string.IsNullOrWhiteSpace(options.Preset) && !SloPresets.All.TryGetValue(options.Preset, out preset))
        {
            errors.Add($"{path}:Preset '{options.Preset}' is not a known preset; use {SloPresets.WebApi}, {SloPresets.Strict}.");
        }

        if (options.Route is { } route && (route.Length == 0 || route[0] != '/'))
        {
            errors.Add($"{path}:Route must start with '/' (it is matched against the route template, e.g. /api).");
        }

        if (options.Window < MinWindow || options.Window > MaxWindow)
        {
            errors.Add($"{path}:Window must be between 00:00:10 and 1.00:00:00.");
        }

        if (options.MinRequests < 1)
        {
            errors.Add($"{path}:MinRequests must be at least 1.");
        }

        if (options.CriticalMakesUnready && !options.AffectsReadiness)
        {
            errors.Add($"{path}:CriticalMakesUnready requires {path}:AffectsReadiness to be true.");
        }

        var targets = new List<SloTarget>();
        var latency = options.Latency ?? new OpsSloLatencyOptions();
        Latency(targets, errors, $"{path}:Latency:P50", "p50", 0.50, latency.P50, preset?.P50);
        Latency(targets, errors, $"{path}:Latency:P95", "p95", 0.95, latency.P95, preset?.P95);
        Latency(targets, errors, $"{path}:Latency:P99", "p99", 0.99, latency.P99, preset?.P99);
        Ratio(targets, errors, $"{path}:ErrorRate", "error_rate", SloTargetKind.ErrorRate, options.ErrorRate, preset?.ErrorRate);
        Ratio(targets, errors, $"{path}:Availability", "availability", SloTargetKind.Availability, options.Availability, null);
        if (targets.Count == 0)
        {
            errors.Add($"{path} has no target: set {path}:Preset, :Latency, :ErrorRate or :Availability.");
        }

        var classification = options.Errors ?? new OpsSloErrorOptions();
        return new SloSettings
        {
            Name = name,
            Route = string.IsNullOrEmpty(options.Route) ? null : options.Route,
            Window = options.Window,
            MinRequests = options.MinRequests,
            Targets = targets,
            ServerErrors = classification.ServerErrors,
            Timeouts = classification.Timeouts,
            ClientErrors = classification.ClientErrors,
            AffectsReadiness = options.AffectsReadiness,
            CriticalMakesUnready = options.CriticalMakesUnready,
        };
    }

    private static void Latency(
        List<SloTarget> targets,
        List<string> errors,
        string path,
        string name,
        double quantile,
        OpsSloLatencyTargetOptions? options,
        (double? Warning, double? Critical)? preset)
    {
        var warning = options?.Warning?.TotalSeconds ?? preset?.Warning;
        var critical = options?.Critical?.TotalSeconds ?? preset?.Critical;
        if (options?.Warning is { } w && (w <= TimeSpan.Zero || w > MaxWindow))
        {
            errors.Add($"{path}:Warning must be greater than zero and at most 1.00:00:00.");
        }

        if (options?.Critical is { } c && (c <= TimeSpan.Zero || c > MaxWindow))
        {
            errors.Add($"{path}:Critical must be greater than zero and at most 1.00:00:00.");
        }

        if (warning is { } ws && critical is { } cs && cs < ws)
        {
            errors.Add($"{path}:Critical must not be less than {path}:Warning.");
        }

        if (warning is not null || critical is not null)
        {
            targets.Add(new SloTarget(name, SloTargetKind.Latency, quantile, warning, critical));
        }
    }

    private static void Ratio(
        List<SloTarget> targets,
        List<string> errors,
        string path,
        string name,
        SloTargetKind kind,
        OpsSloRatioOptions? options,
        (double? Warning, double? Critical)? preset)
    {
        var warning = options?.Warning ?? preset?.Warning;
        var critical = options?.Critical ?? preset?.Critical;
        if (options?.Warning is { } w && !(w is >= 0 and <= 1))
        {
            errors.Add($"{path}:Warning must be between 0 and 1.");
        }

        if (options?.Critical is { } c && !(c is >= 0 and <= 1))
        {
            errors.Add($"{path}:Critical must be between 0 and 1.");
        }

        if (warning is { } ws && critical is { } cs)
        {
            if (kind == SloTargetKind.ErrorRate && cs < ws)
            {
                errors.Add($"{path}:Critical must not be less than {path}:Warning.");
            }
            else if (kind == SloTargetKind.Availability && cs > ws)
            {
                errors.Add($"{path}:Critical must not be greater than {path}:Warning (availability falls from warning to critical).");
            }
        }

        if (warning is not null || critical is not null)
        {
            targets.Add(new SloTarget(name, kind, 0, warning, critical));
        }
    }
}
