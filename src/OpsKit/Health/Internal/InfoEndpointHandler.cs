using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// <c>GET /ops/info</c>: which build, runtime and configuration this process runs, for the callers
/// <see cref="DetailsAccess"/> lets see health details; 401/403 for the others.
/// </summary>
internal sealed class InfoEndpointHandler(
    DetailsAccess access,
    IHostEnvironment environment,
    IConfiguration configuration,
    HealthRedactor redactor,
    TimeProvider? time = null)
{
    /// <summary>When the operating system started this process.</summary>
    internal static readonly DateTimeOffset ProcessStart = StartTimeOfThisProcess();

    private readonly ServiceBuildInfo _service = ServiceBuildInfo.Of(ServiceBuildInfo.ServiceAssembly(environment.ApplicationName));
    private readonly ServiceBuildInfo _opsKit = ServiceBuildInfo.Of(typeof(InfoEndpointHandler).Assembly);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task InfoAsync(HttpContext context)
    {
        if (!await access.CanSeeDetailsAsync(context).ConfigureAwait(false))
        {
            await HealthEndpointHandlers.DenyAsync(context).ConfigureAwait(false);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json);
        }

        await JsonResponse.WriteAsync(context, 200, buffer.WrittenMemory).ConfigureAwait(false);
    }

    private void Write(Utf8JsonWriter json)
    {
        var now = _time.GetUtcNow();
        json.WriteStartObject();
        json.WriteStartObject("service");
        WriteBuild(json, _service);
        json.WriteEndObject();
        json.WriteStartObject("opskit");
        WriteBuild(json, _opsKit);
        json.WriteEndObject();

        json.WriteString("environment", environment.EnvironmentName);
        json.WriteStartObject("runtime");
        json.WriteString("framework", RuntimeInformation.FrameworkDescription);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("osArchitecture", RuntimeInformation.OSArchitecture.ToString());
        json.WriteString("processArchitecture", RuntimeInformation.ProcessArchitecture.ToString());
        json.WriteNumber("processorCount", Environment.ProcessorCount);
        json.WriteEndObject();

        json.WriteStartObject("process");
        json.WriteString("startTime", ProcessStart);
        json.WriteNumber("uptimeSeconds", Math.Round(Math.Max(0, (now - ProcessStart).TotalSeconds), 1));
        json.WriteEndObject();

        json.WritePropertyName("configuration");
        var truncated = ConfigurationProvenance.WriteValue(json, configuration, redactor);
        if (truncated)
        {
            json.WriteBoolean("configurationTruncated", true);
        }

        json.WriteString("timestamp", now);
        json.WriteEndObject();
    }

    private static void WriteBuild(Utf8JsonWriter json, ServiceBuildInfo build)
    {
        WriteIfKnown(json, "name", build.Name);
        WriteIfKnown(json, "version", build.Version);
        WriteIfKnown(json, "informationalVersion", build.InformationalVersion);
        WriteIfKnown(json, "commit", build.Commit);
        if (build.BuildTime is { } built)
        {
            json.WriteString("buildTime", built);
        }
    }

    private static void WriteIfKnown(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static DateTimeOffset StartTimeOfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
    }
}
