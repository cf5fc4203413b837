using System.Buffers;
using System.Text.Json;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// <c>/ops/logging</c>: temporary log levels. Reading the active overrides follows <see cref="DetailsAccess"/>; setting
/// and removing one is a state change for operators (<see cref="OperatorAccess"/>, the <c>OpsKit:Health:DetailsPolicy</c>
/// policy), logged with the caller and counted.
/// </summary>
internal sealed class LoggingEndpointHandler(
    LogLevelOverrides overrides,
    DetailsAccess access,
    OperatorAccess operators,
    IOptionsMonitor<OpsHealthOptions> healthOptions,
    IOptionsMonitor<LogLevelOverrideOptions> options,
    IOptionsMonitor<LoggerFilterOptions> filters)
{
    private const int MaxBodyBytes = 4096;

    public async Task ListAsync(HttpContext context)
    {
        if (!await access.CanSeeDetailsAsync(context).ConfigureAwait(false))
        {
            await HealthEndpointHandlers.DenyAsync(context).ConfigureAwait(false);
            return;
        }

        var now = overrides.Now;
        await WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("overrides");
            foreach (var entry in overrides.Active())
            {
                WriteOverride(json, entry, now);
            }

            json.WriteEndArray();
            json.WriteNumber("maxOverrides", LogLevelOverrides.MaxOverrides);
            json.WriteString("maxDuration", MaxDuration.ToString("c", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary><c>POST /ops/logging</c> with <c>{"category","level","duration"}</c>; a null level removes the override.</summary>
    public async Task SetAsync(HttpContext context)
    {
        if (!await IsOperatorAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var (request, error) = await ReadRequestAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            await HealthEndpointHandlers.WriteErrorAsync(context, 400, error).ConfigureAwait(false);
            return;
        }

        var (category, level, duration) = request;
        if (level is null)
        {
            await RemoveAsync(context, category).ConfigureAwait(false);
            return;
        }

        var appLevel = LogLevelOverrides.AppLevel(filters.CurrentValue, category);
        if (level > appLevel)
        {
            await HealthEndpointHandlers.WriteErrorAsync(
                context, 400, $"'{category}' already logs from {appLevel}: an override only makes a category more verbose").ConfigureAwait(false);
            return;
        }

        if (overrides.Set(category, level.Value, duration) is not { } entry)
        {
            await HealthEndpointHandlers.WriteErrorAsync(
                context, 409, $"{LogLevelOverrides.MaxOverrides} overrides are active: remove one first").ConfigureAwait(false);
            return;
        }

        operators.Allowed(context, OperatorAction.LogLevel, $"{category}: {level} for {duration.ToString("c", CultureInfo.InvariantCulture)}");
        await WriteAsync(context, json => WriteOverride(json, entry, overrides.Now)).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /ops/logging/{category}</c>.</summary>
    public async Task DeleteAsync(HttpContext context, string category)
    {
        if (await IsOperatorAsync(context).ConfigureAwait(false))
        {
            await RemoveAsync(context, category).ConfigureAwait(false);
        }
    }

    // An invalid value fails start-up (LogLevelOverrideValidation).
    private TimeSpan MaxDuration => options.CurrentValue.MaxOverrideDuration;

    private async Task RemoveAsync(HttpContext context, string category)
    {
        if (!overrides.Remove(category))
        {
            await HealthEndpointHandlers.WriteErrorAsync(context, 404, "no override is active for that category").ConfigureAwait(false);
            return;
        }

        operators.Allowed(context, OperatorAction.LogLevel, category + ": removed");
        await WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("removed", category);
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private ValueTask<bool> IsOperatorAsync(HttpContext context) => HealthEndpointHandlers.IsOperatorAsync(
        operators, context, healthOptions.CurrentValue.DetailsPolicy, OperatorAction.LogLevel, context.Request.Path);

    private async Task<((string Category, LogLevel? Level, TimeSpan Duration) Request, string? Error)> ReadRequestAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (default, $"the body is limited to {MaxBodyBytes} bytes");
        }

        // One byte more than allowed tells a body that is too long from one that fits exactly.
        var bytes = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < bytes.Length
            && (read = await context.Request.Body.ReadAsync(bytes.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        JsonDocument document;
        try
        {
            document = length <= MaxBodyBytes ? JsonDocument.Parse(bytes.AsMemory(0, length)) : throw new JsonException();
        }
        catch (JsonException)
        {
            return (default, "the body must be a JSON object {\"category\", \"level\", \"duration\"} of at most " + MaxBodyBytes + " bytes");
        }

        using (document)
        {
            return Parse(document.RootElement, MaxDuration);
        }
    }

    internal static ((string Category, LogLevel? Level, TimeSpan Duration) Request, string? Error) Parse(JsonElement body, TimeSpan maxDuration)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (default, "the body must be a JSON object");
        }

        var category = body.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : null;
        if (category is null || !IsCategory(category))
        {
            return (default, $"'category' must be a logger category: 1 to {LogLevelOverrides.MaxCategoryLength} letters, digits, '.', '_', '-', '+' or '`'");
        }

        LogLevel? level = null;
        if (body.TryGetProperty("level", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (l.ValueKind != JsonValueKind.String || !TryParseLevel(l.GetString()!, out var parsed))
            {
                return (default, "'level' must be Trace, Debug, Information, Warning, Error, Critical or null (removes the override)");
            }

            level = parsed;
        }

        var duration = maxDuration < LogLevelOverrideOptions.DefaultDuration ? maxDuration : LogLevelOverrideOptions.DefaultDuration;
        if (body.TryGetProperty("duration", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind != JsonValueKind.String || !TimeSpan.TryParse(d.GetString(), CultureInfo.InvariantCulture, out duration)
                || duration <= TimeSpan.Zero || duration > maxDuration)
            {
                return (default, $"'duration' must be a time span greater than zero and at most {maxDuration.ToString("c", CultureInfo.InvariantCulture)} (OpsKit:Logging:MaxOverrideDuration)");
            }
        }

        return ((category, level, duration), null);
    }

    private static bool IsCategory(string category) =>
        category.Length is > 0 and <= LogLevelOverrides.MaxCategoryLength
        && category.All(static ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' or '+' or '`');

    private static bool TryParseLevel(string text, out LogLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && char.IsAsciiLetter(text[0]) && Enum.IsDefined(level) && level != LogLevel.None;

    private static void WriteOverride(Utf8JsonWriter json, LogLevelOverride entry, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("category", entry.Category);
        json.WriteString("level", entry.Level.ToString());
        json.WriteString("expires", entry.Expires);
        json.WriteNumber("remainingSeconds", Math.Round(Math.Max(0, (entry.Expires - now).TotalSeconds), 1));
        json.WriteEndObject();
    }

    private static Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return JsonResponse.WriteAsync(context, 200, buffer.WrittenMemory);
    }
}
