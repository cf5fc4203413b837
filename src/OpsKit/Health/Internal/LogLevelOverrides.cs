using Microsoft.Extensions.Primitives;

namespace OpsKit.Health.Internal;

/// <summary>
/// Temporary minimum levels per log category (<c>/ops/logging</c>). Each active override is one filter rule appended to
/// the app's own <see cref="LoggerFilterOptions"/> after every other configuration, and a change fires this class's
/// change token, on which the <see cref="ILoggerFactory"/> reloads its filters: the app's providers stay as they are. A
/// timer on the app's <see cref="TimeProvider"/> removes each override when it expires.
/// </summary>
internal sealed class LogLevelOverrides(IServiceProvider services, TimeProvider? time = null)
    : IPostConfigureOptions<LoggerFilterOptions>, IOptionsChangeTokenSource<LoggerFilterOptions>, IDisposable
{
    /// <summary>Most overrides active at once.</summary>
    public const int MaxOverrides = 20;

    /// <summary>Longest category name accepted, in characters.</summary>
    public const int MaxCategoryLength = 256;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LogLevelOverride> _active = new(StringComparer.OrdinalIgnoreCase);
    private CancellationTokenSource _changes = new();
    private ITimer? _timer;
    private ILogger? _logger;

    string IOptionsChangeTokenSource<LoggerFilterOptions>.Name => Options.DefaultName;

    public DateTimeOffset Now => _time.GetUtcNow();

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changes).Token);

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        foreach (var active in Active())
        {
            options.Rules.Add(new OverrideRule(active.Category, active.Level));
        }
    }

    /// <summary>The overrides in force, by category.</summary>
    public IReadOnlyList<LogLevelOverride> Active()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return [.. _active.Values.Where(o => o.Expires > now).OrderBy(o => o.Category, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>Sets or replaces the override of a category; null when <see cref="MaxOverrides"/> other categories have one.</summary>
    public LogLevelOverride? Set(string category, LogLevel level, TimeSpan duration)
    {
        // Resolved on a request, while the container is alive; the logger factory cannot be a constructor dependency,
        // because it is built from the options this class configures.
        _logger ??= services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LogLevelOverrides).FullName!);
        var entry = new LogLevelOverride(category, level, _time.GetUtcNow() + duration);
        lock (_gate)
        {
            RemoveExpired();
            if (!_active.ContainsKey(category) && _active.Count >= MaxOverrides)
            {
                return null;
            }

            _active[category] = entry;
            Reschedule();
        }

        Signal();
        return entry;
    }

    /// <summary>Removes the override of a category; false when it has none.</summary>
    public bool Remove(string category)
    {
        lock (_gate)
        {
            if (!_active.Remove(category))
            {
                return false;
            }

            Reschedule();
        }

        Signal();
        return true;
    }

    /// <summary>
    /// The level the app itself sets for <paramref name="category"/> in its provider-independent rules (the longest
    /// matching category prefix, else the default minimum), leaving out the overrides.
    /// </summary>
    public static LogLevel AppLevel(LoggerFilterOptions options, string category)
    {
        LoggerFilterRule? best = null;
        foreach (var rule in options.Rules)
        {
            if (rule is OverrideRule || rule.ProviderName is not null || rule.Filter is not null || !Matches(rule.CategoryName, category))
            {
                continue;
            }

            if (best is null || (rule.CategoryName?.Length ?? 0) >= (best.CategoryName?.Length ?? 0))
            {
                best = rule;
            }
        }

        return best?.LogLevel ?? options.MinLevel;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private static bool Matches(string? ruleCategory, string category)
    {
        if (ruleCategory is null)
        {
            return true;
        }

        var star = ruleCategory.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return category.StartsWith(ruleCategory, StringComparison.OrdinalIgnoreCase);
        }

        var prefix = ruleCategory.AsSpan(0, star);
        var suffix = ruleCategory.AsSpan(star + 1);
        return category.Length >= prefix.Length + suffix.Length
            && category.AsSpan().StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && category.AsSpan().EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    private void OnTimer()
    {
        List<LogLevelOverride> expired;
        lock (_gate)
        {
            expired = RemoveExpired();
            Reschedule();
        }

        if (expired.Count == 0)
        {
            return;
        }

        Signal();
        if (_logger is { } logger)
        {
            foreach (var entry in expired)
            {
                Log.LogLevelOverrideExpired(logger, entry.Category, entry.Level.ToString());
            }
        }
    }

    private List<LogLevelOverride> RemoveExpired()
    {
        var now = _time.GetUtcNow();
        var expired = _active.Values.Where(o => o.Expires <= now).ToList();
        foreach (var entry in expired)
        {
            _active.Remove(entry.Category);
        }

        return expired;
    }

    private void Reschedule()
    {
        if (_active.Count == 0)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = _active.Values.Min(o => o.Expires) - _time.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_timer is null)
        {
            _timer = _time.CreateTimer(static state => ((LogLevelOverrides)state!).OnTimer(), this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    // The old source is not disposed: the logger factory's callback may still be reading its token.
    private void Signal() => Interlocked.Exchange(ref _changes, new CancellationTokenSource()).Cancel();

    /// <summary>A rule of ours, so that <see cref="AppLevel"/> can leave it out.</summary>
    private sealed class OverrideRule(string category, LogLevel level) : LoggerFilterRule(null, category, level, null);
}
