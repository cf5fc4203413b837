using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsKit.Benchmarks.Security;

/// <summary>
/// One authenticated request through UseAuthentication/UseAuthorization on TestServer: plain ASP.NET Core versus the
/// same app with AddOpsSecuritySignals(), with and without a listener on the OpsKit meter (as an exporter would be).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AuthenticatedRequestBenchmarks
{
    private WebApplication? _plain;
    private WebApplication? _signals;
    private HttpClient? _plainClient;
    private HttpClient? _signalsClient;
    private MeterListener? _listener;
    private long _observed;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        (_plain, _plainClient) = await StartAsync(signals: false);
        (_signals, _signalsClient) = await StartAsync(signals: true);
        if (Listening)
        {
            _listener = new MeterListener();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "OpsKit" || instrument.Meter.Name == "Microsoft.AspNetCore.Authentication")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _observed, value));
            _listener.Start();
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _listener?.Dispose();
        _plainClient?.Dispose();
        _signalsClient?.Dispose();
        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }

        if (_signals is not null)
        {
            await _signals.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<string> AspNetCoreAuthentication() => _plainClient!.GetStringAsync("/secure");

    [Benchmark]
    public Task<string> WithOpsSecuritySignals() => _signalsClient!.GetStringAsync("/secure");

    private static async Task<(WebApplication, HttpClient)> StartAsync(bool signals)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication("Test").AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>("Test", null);
        builder.Services.AddAuthorization();
        if (signals)
        {
            builder.Services.AddOpsSecuritySignals();
        }

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/secure", () => "ok").RequireAuthorization();
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("Authorization", "Test alice");
        return (app, client);
    }

    /// <summary>A scheme as cheap as possible, so the benchmark measures OpsKit's share, not token validation.</summary>
    public sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        private static readonly AuthenticationTicket Ticket = new(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], "Test")), "Test");

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.Authorization.ToString() == "Test alice" ? AuthenticateResult.Success(Ticket) : AuthenticateResult.Fail("bad"));
    }
}
