using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// Who may change state through an OpsKit endpoint (maintenance, refresh, cache clear, log levels), and the record of every
/// attempt. A caller must pass the named authorization policy the capability configures; without one, state changes
/// are off, except in Development for callers on this machine that talk to the app directly
/// (<see cref="ForwardedRequest.IsDirectLoopback"/>). Being authenticated is never enough, and neither is a
/// <c>Details</c> setting: reading and changing are different rights.
/// </summary>
internal sealed class OperatorAccess
{
    private const int MaxLoggedLength = 128;

    // The category the records have always had: log filters and alerting in the field match it.
    private const string LogCategory = "OpsKit.Internal.OperatorAccess";

    private readonly IHostEnvironment _environment;
    private readonly IAuthorizationService? _authorization;
    private readonly ILogger _logger;
    private readonly Counter<long> _actions;

    public OperatorAccess(IHostEnvironment environment, OpsKitMeter meter, ILoggerFactory loggers, IAuthorizationService? authorization = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(loggers);
        _environment = environment;
        _authorization = authorization;
        _logger = loggers.CreateLogger(LogCategory);
        _actions = meter.Meter.CreateCounter<long>(
            "opskit.operator.actions",
            description: "State changes requested through OpsKit endpoints (maintenance, refresh, cache clear, log level), by result.");
    }

    /// <summary>Whether state changes can be allowed at all: a policy is named, or the app runs in Development.</summary>
    public bool IsEnabled(string? policy) => !string.IsNullOrWhiteSpace(policy) || _environment.IsDevelopment();

    /// <summary>
    /// Logs once, at mapping time, that <paramref name="endpoints"/> answer nobody because <paramref name="key"/> names
    /// no policy; silent in validate-only mode, whose report is the whole output.
    /// </summary>
    public static void WarnIfDisabled(IServiceProvider services, string? policy, string endpoints, string key)
    {
        var access = services.GetRequiredService<OperatorAccess>();
        if (access.IsEnabled(policy) || services.GetService<ValidateOnlyRequest>()?.Enabled == true)
        {
            return;
        }

        OperatorLog.Disabled(access._logger, endpoints, key);
    }

    public async ValueTask<bool> IsAllowedAsync(HttpContext context, string? policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrWhiteSpace(policy) && _authorization is not null)
        {
            var result = await _authorization.AuthorizeAsync(context.User, context, policy).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return true;
            }
        }

        return _environment.IsDevelopment() && ForwardedRequest.IsDirectLoopback(context);
    }

    /// <summary>401 for an anonymous caller, 403 for an authenticated one.</summary>
    public static int DenialStatus(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? StatusCodes.Status403Forbidden
        : StatusCodes.Status401Unauthorized;

    public void Allowed(HttpContext context, OperatorAction action, string target)
    {
        Count(action, "allowed");
        OperatorLog.Allowed(_logger, action.Label(), Escape(target), CallerOf(context));
    }

    public void Denied(HttpContext context, OperatorAction action, string target)
    {
        Count(action, "denied");
        OperatorLog.Denied(_logger, action.Label(), Escape(target), CallerOf(context));
    }

    public void RateLimited(HttpContext context, OperatorAction action, string target)
    {
        Count(action, "rate_limited");
        OperatorLog.RateLimited(_logger, action.Label(), Escape(target), CallerOf(context));
    }

    private void Count(OperatorAction action, string result) =>
        _actions.Add(1, new KeyValuePair<string, object?>("action", action.Label()), new KeyValuePair<string, object?>("result", result));

    /// <summary>The name claim of an authenticated caller, else the connection's address (marked when forwarded).</summary>
    internal static string CallerOf(HttpContext context)
    {
        var identity = context.User.Identity;
        if (identity?.IsAuthenticated == true && !string.IsNullOrEmpty(identity.Name))
        {
            return Escape(identity.Name);
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown address";
        return ForwardedRequest.IsForwarded(context) ? address + " (forwarded)" : address;
    }

    /// <summary>
    /// Control characters (including line and paragraph separators) as <c>\uXXXX</c> and at most 128 characters, so
    /// a caller-chosen name cannot forge or break log lines.
    /// </summary>
    internal static string Escape(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxLoggedLength) + 8);
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxLoggedLength)))
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (value.Length > MaxLoggedLength)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
