using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;
using OpsKit.Health;
using OpsKit.Telemetry;
using OpsKit.Tests.Checks;

namespace OpsKit.Tests.Telemetry;

/// <summary>One span per health check run, from the <c>OpsKit</c> source, as an app's own tracer provider exports it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class CheckSpanTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_check_run_is_one_root_span_with_the_checks_name_status_category_and_duration()
    {
        var spans = new InMemorySpans();
        var healthy = new ControlledCheck();
        var failing = new ControlledCheck
        {
            Result = HealthCheckResult.Unhealthy("refused", new HealthCheckFailureException(HealthErrorCategories.ConnectionRefused, "refused")),
        };
        await using var app = await StartAsync(spans, h => h.AddCheck("span-ok", healthy.RunAsync).AddCheck("span-broken", failing.RunAsync));

        // A run counts itself before its span ends: equal counts read between two runs mean one span per run.
        await Eventually.Until(
            () => Task.FromResult(healthy.Runs >= 3 && failing.Runs >= 3 && OneSpanPerRun(spans, "span-ok", healthy) && OneSpanPerRun(spans, "span-broken", failing)),
            Wait,
            "each check ran three times, with one span per run");
        foreach (var span in spans.Named("health.check span-ok"))
        {
            Assert.Equal(ActivityKind.Internal, span.Kind);
            Assert.Equal(default, span.ParentSpanId);
            Assert.Equal(OpsKitTelemetry.ActivitySourceName, span.Source.Name);
            Assert.Equal("span-ok", span.GetTagItem("opskit.check.name"));
            Assert.Equal("healthy", span.GetTagItem("opskit.check.status"));
            Assert.InRange((double)span.GetTagItem("opskit.check.duration")!, 0, 10);
            Assert.Null(span.GetTagItem("error.type"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        foreach (var span in spans.Named("health.check span-broken"))
        {
            Assert.Equal(default, span.ParentSpanId);
            Assert.Equal("unhealthy", span.GetTagItem("opskit.check.status"));
            Assert.Equal("connection_refused", span.GetTagItem("error.type"));
            Assert.Equal("connection_refused", span.GetTagItem("opskit.check.error_category"));
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal("connection_refused", span.StatusDescription);
        }
    }

    [Fact]
    public async Task Run_abandoned_at_its_timeout_ends_its_span_as_an_error_with_error_type_timeout()
    {
        var spans = new InMemorySpans();
        await using var app = await StartAsync(
            spans,
            h => h.AddCheck("span-hung", async ct =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return HealthCheckResult.Healthy();
            }),
            new Dictionary<string, string?> { ["OpsKit:Health:Timeout"] = "00:00:00.300" });

        var span = (await Eventually.Until(
            () => Task.FromResult(spans.Named("health.check span-hung")),
            s => s.Length > 0,
            Wait,
            "the hung run's span ends")).First();

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("timeout", span.GetTagItem("error.type"));
        Assert.Equal("unhealthy", span.GetTagItem("opskit.check.status"));
        Assert.InRange((double)span.GetTagItem("opskit.check.duration")!, 0.25, 5);
    }

    [Fact]
    public async Task Run_triggered_by_a_request_is_a_root_span_and_its_http_call_stays_out_of_the_request_trace()
    {
        var spans = new InMemorySpans();
        await using var upstream = await StubServer.StartAsync(a =>
        {
            a.MapGet("/health", () => "ok");
            a.MapGet("/data", () => "data");
        });
        await using var app = await StartAsync(
            spans,
            h => h.AddHttpDependency("span-upstream", upstream.Url("/health"), o => o.Period = TimeSpan.FromHours(1)),
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Details"] = "Always",
                ["OpsKit:Health:DetailsPolicy"] = Operators.Policy,
            },
            b => b.AddTestOperators(),
            a => a.MapGet("/work", async (IHttpClientFactory clients) => await clients.CreateClient().GetStringAsync(upstream.Url("/data"))));
        await Eventually.Until(() => Task.FromResult(spans.Named("health.check span-upstream").Length == 1), Wait, "the first run's span ends");

        var refreshed = await app.Client.PostAsync("/health?refresh=span-upstream", Operators.AsOperator);
        Assert.Equal(200, refreshed.Code);
        Assert.Equal("data", await app.Client.GetStringAsync(new Uri("/work", UriKind.Relative)));

        var all = await Eventually.Until(
            () => Task.FromResult(spans.Snapshot()),
            s => ServerSpan(s, "POST", "/health") is not null && ServerSpan(s, "GET", "/work") is not null,
            Wait,
            "the request spans end");
        var requestTrace = ServerSpan(all, "POST", "/health")!.TraceId;
        var appTrace = ServerSpan(all, "GET", "/work")!.TraceId;

        var checkSpans = spans.Named("health.check span-upstream");
        Assert.Equal(2, checkSpans.Length);
        Assert.All(checkSpans, s => Assert.Equal(default, s.ParentSpanId));
        Assert.All(checkSpans, s => Assert.NotEqual(requestTrace, s.TraceId));
        // The check's call is a child of its run's span; the app's own call stays in the app's request trace.
        var calls = all.Where(a => a.Kind == ActivityKind.Client && upstream.Port.Equals(a.GetTagItem("server.port"))).ToList();
        Assert.Equal(3, calls.Count);
        Assert.DoesNotContain(calls, c => c.TraceId == requestTrace);
        Assert.Equal(2, calls.Count(c => checkSpans.Any(s => s.SpanId == c.ParentSpanId && s.TraceId == c.TraceId)));
        Assert.Single(calls, c => c.TraceId == appTrace);
    }

    [Fact]
    public async Task Without_the_OpsKit_source_a_checks_http_call_is_not_traced_and_sends_no_traceparent()
    {
        var spans = new InMemorySpans();
        var checkCalls = 0;
        var tracedCheckCalls = 0;
        await using var upstream = await StubServer.StartAsync(a =>
        {
            a.MapGet("/health", (HttpRequest request) =>
            {
                Interlocked.Increment(ref checkCalls);
                if (request.Headers.ContainsKey("traceparent"))
                {
                    Interlocked.Increment(ref tracedCheckCalls);
                }

                return "ok";
            });
            a.MapGet("/data", () => "data");
        });
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth().AddHttpDependency("untraced-upstream", upstream.Url("/health"));
                b.Services.AddHttpClient();
                b.Services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddInMemoryExporter(spans));
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00.200" },
            map: a =>
            {
                a.MapOpsHealth();
                a.MapGet("/work", async (IHttpClientFactory clients) => await clients.CreateClient().GetStringAsync(upstream.Url("/data")));
            });

        Assert.Equal("data", await app.Client.GetStringAsync(new Uri("/work", UriKind.Relative)));
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref checkCalls) >= 3), Wait, "the check ran three times");
        var all = await Eventually.Until(() => Task.FromResult(spans.Snapshot()), s => ServerSpan(s, "GET", "/work") is not null, Wait, "the request span ends");

        // The app's own call is traced; the check's calls are not.
        var call = Assert.Single(all, a => a.Kind == ActivityKind.Client && upstream.Port.Equals(a.GetTagItem("server.port")));
        Assert.Equal(ServerSpan(all, "GET", "/work")!.TraceId, call.TraceId);
        Assert.Equal(0, Volatile.Read(ref tracedCheckCalls));
    }

    private static bool OneSpanPerRun(InMemorySpans spans, string check, ControlledCheck runs)
    {
        var before = runs.Runs;
        var count = spans.Named("health.check " + check).Length;
        return count == before && runs.Runs == before;
    }

    private static Activity? ServerSpan(Activity[] spans, string method, string path) =>
        spans.FirstOrDefault(a => a.Kind == ActivityKind.Server && method.Equals(a.GetTagItem("http.request.method")) && path.Equals(a.GetTagItem("url.path")));

    private static Task<TestApp> StartAsync(
        InMemorySpans spans,
        Action<OpsHealthBuilder> checks,
        Dictionary<string, string?>? configuration = null,
        Action<WebApplicationBuilder>? builder = null,
        Action<WebApplication>? map = null)
    {
        configuration ??= [];
        configuration.TryAdd("OpsKit:Health:Period", "00:00:00.200");
        return TestApp.StartAsync(
            b =>
            {
                builder?.Invoke(b);
                checks(b.Services.AddOpsHealth());
                b.Services.AddHttpClient();
                b.Services.AddOpenTelemetry().WithTracing(t => t
                    .AddSource(OpsKitTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddInMemoryExporter(spans));
            },
            configuration,
            map: a =>
            {
                a.MapOpsHealth();
                map?.Invoke(a);
            });
    }
}
