using System.Buffers;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// The request handlers behind <c>MapOpsHealth()</c>. Probe handlers read the snapshot and write a precomputed body:
/// no check runs on a request path, except the operator's on-demand refresh (at most one per check per
/// <see cref="ForcedRunInterval"/>).
/// </summary>
internal sealed class HealthEndpointHandlers(
    HealthCheckRunner runner,
    MaintenanceState maintenance,
    LifecycleState lifecycle,
    TrafficRefusal refusal,
    IOpsHealthState state,
    DetailsAccess access,
    OperatorAccess operators,
    IOptionsMonitor<OpsHealthOptions> options,
    IEnumerable<IHealthDetailsSection> sections,
    TimeProvider? time = null)
{
    /// <summary>The shortest time between two runs of one check forced through <c>POST /health?refresh=</c>.</summary>
    internal static readonly TimeSpan ForcedRunInterval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, DateTimeOffset> _lastForcedRun = new(StringComparer.Ordinal);
    private readonly Lock _forcedRunGate = new();
    private readonly IHealthDetailsSection[] _sections = [.. sections];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private volatile bool _startupLatched;

    public Task LiveAsync(HttpContext context)
    {
        runner.RefreshIfStale(static c => c.Live);
        var status = runner.Snapshot.Live ?? HealthStatus.Healthy;
        return JsonResponse.WriteAsync(context, status == HealthStatus.Unhealthy ? 503 : 200, HealthResponses.For(status));
    }

    public Task ReadyAsync(HttpContext context)
    {
        var (code, body) = ReadyResponse();
        return JsonResponse.WriteAsync(context, code, body);
    }

    public Task StartupAsync(HttpContext context)
    {
        if (_startupLatched)
        {
            return JsonResponse.WriteAsync(context, 200, HealthResponses.Healthy);
        }

        runner.RefreshIfStale(static c => c.Startup);
        var status = runner.Snapshot.Startup;
        if (status == HealthStatus.Healthy)
        {
            _startupLatched = true;
            return JsonResponse.WriteAsync(context, 200, HealthResponses.Healthy);
        }

        return JsonResponse.WriteAsync(context, 503, status is { } s ? HealthResponses.For(s) : HealthResponses.Starting);
    }

    public async Task DetailsAsync(HttpContext context)
    {
        runner.RefreshIfStale(static _ => true);
        var snapshot = runner.Snapshot;
        var status = snapshot.Overall ?? HealthStatus.Unhealthy;
        var reason = LifecycleReason(snapshot.Overall is null);
        var code = status == HealthStatus.Unhealthy ? 503 : 200;

        var healthChecksUi = string.Equals(context.Request.Query["format"], "healthchecks-ui", StringComparison.OrdinalIgnoreCase);
        if (!(healthChecksUi && access.HasHealthChecksUiAccessKey(context)) && !await access.CanSeeDetailsAsync(context).ConfigureAwait(false))
        {
            await JsonResponse.WriteAsync(context, code, reason is null ? HealthResponses.For(status) : HealthResponses.Body(status, reason)).ConfigureAwait(false);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        if (healthChecksUi)
        {
            HealthJsonWriter.WriteHealthChecksUi(buffer, snapshot, status);
        }
        else
        {
            HealthJsonWriter.WriteDetailed(buffer, snapshot, status, reason, _time.GetUtcNow(), _sections, state.Current.Groups);
        }

        await JsonResponse.WriteAsync(context, code, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>The detailed JSON of the current snapshot, as a caller allowed details sees it, without running a check.</summary>
    internal void WriteDetailed(IBufferWriter<byte> output)
    {
        var snapshot = runner.Snapshot;
        HealthJsonWriter.WriteDetailed(
            output, snapshot, snapshot.Overall ?? HealthStatus.Unhealthy, LifecycleReason(snapshot.Overall is null), _time.GetUtcNow(), _sections, state.Current.Groups);
    }

    /// <summary>
    /// A group's path: the group's verdict (ruled as readiness is) in the probe body, or, for callers the group's details
    /// settings allow, the detailed JSON of its checks with the same status code.
    /// </summary>
    public async Task GroupAsync(HttpContext context, string name)
    {
        var snapshot = runner.Snapshot;
        if (snapshot.Groups.FirstOrDefault(g => g.Name == name) is not { } group
            || state.Current.Groups.GetValueOrDefault(name) is not { } verdict)
        {
            // Mapped from the options before the engine started: nothing to say yet.
            await JsonResponse.WriteAsync(context, 503, HealthResponses.Starting).ConfigureAwait(false);
            return;
        }

        runner.RefreshIfStale(group.Contains);
        var code = verdict.IsPassing ? 200 : 503;
        if (!await access.CanSeeDetailsAsync(context, group).ConfigureAwait(false))
        {
            await JsonResponse.WriteAsync(context, code, ProbeBody(verdict)).ConfigureAwait(false);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        HealthJsonWriter.WriteDetailed(buffer, snapshot, verdict.Status, verdict.Reason, _time.GetUtcNow(), [], state.Current.Groups, group);
        await JsonResponse.WriteAsync(context, code, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary><c>POST {details}?refresh=&lt;name&gt;</c>: run one check now and return its result.</summary>
    public async Task RefreshAsync(HttpContext context)
    {
        var name = context.Request.Query["refresh"].ToString();
        if (!await IsOperatorAsync(operators, context, options.CurrentValue.DetailsPolicy, OperatorAction.Refresh, name).ConfigureAwait(false))
        {
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            await WriteErrorAsync(context, 400, "the 'refresh' query parameter names the check to run").ConfigureAwait(false);
            return;
        }

        var snapshotBefore = runner.Snapshot;
        var check = snapshotBefore.Checks.FirstOrDefault(c => c.Name == name);
        if (check is null)
        {
            await WriteErrorAsync(context, 404, "no health check has that name").ConfigureAwait(false);
            return;
        }

        if (TryReserveForcedRun(check.Name) is { } wait)
        {
            operators.RateLimited(context, OperatorAction.Refresh, check.Name);
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "this check was run on request moments ago; retry later").ConfigureAwait(false);
            return;
        }

        operators.Allowed(context, OperatorAction.Refresh, check.Name);
        var entry = await runner.RunNowAsync(name, context.RequestAborted).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", check.Name);
            json.WriteString("status", entry?.Status.ToString() ?? "Pending");
            if (entry is not null)
            {
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                json.WriteString("lastRun", entry.LastRun);
                if (entry.Data.Count > 0)
                {
                    json.WritePropertyName("data");
                    HealthJsonWriter.WriteValue(json, entry.Data);
                }

                if (entry.Error is { } error)
                {
                    HealthJsonWriter.WriteError(json, error);
                }
            }

            json.WriteEndObject();
        }

        await JsonResponse.WriteAsync(context, 200, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary><c>POST {details}/maintenance?enabled=true|false</c> (default true).</summary>
    public async Task MaintenanceAsync(HttpContext context)
    {
        var enabled = context.Request.Query["enabled"].ToString();
        if (!await IsOperatorAsync(operators, context, options.CurrentValue.DetailsPolicy, OperatorAction.Maintenance, enabled).ConfigureAwait(false))
        {
            return;
        }

        if (enabled.Length > 0 && !bool.TryParse(enabled, out _))
        {
            await WriteErrorAsync(context, 400, "'enabled' must be true or false").ConfigureAwait(false);
            return;
        }

        var on = enabled.Length == 0 || bool.Parse(enabled);
        operators.Allowed(context, OperatorAction.Maintenance, on ? "on" : "off");
        maintenance.SetByRequest(on);
        var body = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"maintenance":{{(maintenance.IsActive ? "true" : "false")}}}""");
        await JsonResponse.WriteAsync(context, 200, body).ConfigureAwait(false);
    }

    internal (int Code, byte[] Body) ReadyResponse()
    {
        if (lifecycle.Stopping)
        {
            return (503, HealthResponses.Stopping);
        }

        if (maintenance.IsActive)
        {
            return (503, HealthResponses.Maintenance);
        }

        if (refusal.ReadyBody is { } refused)
        {
            return (503, refused);
        }

        runner.RefreshIfStale(static c => c.Ready);
        var snapshot = runner.Snapshot;
        return snapshot.Ready switch
        {
            null => (503, HealthResponses.Starting),
            HealthStatus.Unhealthy => (503, HealthResponses.Unhealthy),
            var status => (200, snapshot.ReadyBody ?? HealthResponses.For(status.Value)),
        };
    }

    private byte[] ProbeBody(OpsProbeStatus verdict) => verdict.Reason switch
    {
        null => HealthResponses.For(verdict.Status),
        LifecycleReasons.Starting => HealthResponses.Starting,
        LifecycleReasons.Maintenance => HealthResponses.Maintenance,
        LifecycleReasons.Stopping => HealthResponses.Stopping,
        var reason => refusal.RefusalReason == reason && refusal.ReadyBody is { } refused ? refused : HealthResponses.Body(verdict.Status, reason),
    };

    private string? LifecycleReason(bool starting) =>
        lifecycle.Stopping ? LifecycleReasons.Stopping
        : maintenance.IsActive ? LifecycleReasons.Maintenance
        : refusal.RefusalReason is { } refused ? refused
        : starting ? LifecycleReasons.Starting
        : null;

    /// <summary>Null when this request may force a run of <paramref name="check"/> now (and records it), else the wait.</summary>
    private TimeSpan? TryReserveForcedRun(string check)
    {
        var now = _time.GetUtcNow();
        lock (_forcedRunGate)
        {
            if (_lastForcedRun.TryGetValue(check, out var last) && now - last < ForcedRunInterval)
            {
                return ForcedRunInterval - (now - last);
            }

            _lastForcedRun[check] = now;
            return null;
        }
    }

    internal static Task DenyAsync(HttpContext context) =>
        WriteErrorAsync(context, OperatorAccess.DenialStatus(context), "not authorized");

    /// <summary>
    /// Whether the caller may change state (<paramref name="action"/> on <paramref name="target"/>) under
    /// <paramref name="policy"/>; a caller who may not is recorded and answered 401 or 403 here.
    /// </summary>
    internal static async ValueTask<bool> IsOperatorAsync(OperatorAccess operators, HttpContext context, string? policy, OperatorAction action, string target)
    {
        if (await operators.IsAllowedAsync(context, policy).ConfigureAwait(false))
        {
            return true;
        }

        operators.Denied(context, action, target);
        await DenyAsync(context).ConfigureAwait(false);
        return false;
    }

    internal static Task WriteErrorAsync(HttpContext context, int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        }

        return JsonResponse.WriteAsync(context, code, buffer.WrittenMemory);
    }
}
