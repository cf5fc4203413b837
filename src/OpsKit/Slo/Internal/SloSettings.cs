namespace OpsKit.Slo.Internal;

/// <summary>An objective after preset resolution and validation.</summary>
internal sealed class SloSettings
{
    public required string Name { get; init; }

    public string? Route { get; init; }

    public required TimeSpan Window { get; init; }

    public required int MinRequests { get; init; }

    public required IReadOnlyList<SloTarget> Targets { get; init; }

    public required bool ServerErrors { get; init; }

    public required bool Timeouts { get; init; }

    public required bool ClientErrors { get; init; }

    public bool AffectsReadiness { get; init; }

    public bool CriticalMakesUnready { get; init; }

    public bool Covers(string? route) => Route is null || (route is not null && RouteMatcher.Matches(Route, route));

    public bool IsError(int status, string? errorType)
    {
        var timeout = status is 408 or 504
            || (errorType is not null && errorType.Contains("timeout", StringComparison.OrdinalIgnoreCase));
        if (timeout)
        {
            return Timeouts || (ServerErrors && status >= 500);
        }

        if (status >= 500 || (status == 0 && errorType is not null))
        {
            return ServerErrors;
        }

        return ClientErrors && status is >= 400 and < 500;
    }
}
