namespace OpsKit.Security.Internal;

/// <summary>
/// Per-request memory of what was counted, so an authentication result read twice (middleware, then a policy with the
/// same scheme) is one attempt, and a challenge after a counted failure is not a second event.
/// </summary>
internal sealed class SecurityRequestFeature
{
    private string? _first;
    private List<string>? _more;

    public bool AnyAttemptCounted => _first is not null;

    /// <summary>Returns true the first time <paramref name="scheme"/> is seen in this request.</summary>
    public bool TryMark(string scheme)
    {
        if (_first is null)
        {
            _first = scheme;
            return true;
        }

        if (string.Equals(_first, scheme, StringComparison.Ordinal) || (_more?.Contains(scheme) ?? false))
        {
            return false;
        }

        (_more ??= []).Add(scheme);
        return true;
    }
}
