using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;
using OpsKit.Tests.Caching;

namespace OpsKit.Tests.Health;

/// <summary>
/// Who may use the operate endpoints and who sees details, for every environment and kind of caller. <see cref="Table"/>
/// is also the table in docs/endpoints.md: one test drives real apps through it, another keeps the document equal.
/// </summary>
public sealed class OperatorAuthorizationMatrixTests
{
    /// <summary>A test-only header: the app's first middleware makes the connection come from this address.</summary>
    private const string RemoteAddressHeader = "X-Test-Remote-Address";
    private const string DocStart = "<!-- authorization-matrix:start -->";
    private const string DocEnd = "<!-- authorization-matrix:end -->";

    public static readonly string[] Callers =
    [
        "anonymous (remote)",
        "anonymous, loopback through a proxy (`X-Forwarded-For`)",
        "authenticated without the policy",
        "authenticated with the policy",
        "loopback, direct, anonymous",
    ];

    public static readonly string[] Setups =
    [
        "Development, policy named",
        "Development, no policy",
        "Production, policy named",
        "Production, no policy",
    ];

    /// <summary>Endpoint, setup, then one outcome per caller in the order of <see cref="Callers"/>.</summary>
    public static readonly (string Endpoint, string Setup, string[] Outcomes)[] Table =
    [
        ("`POST /health/maintenance`", Setups[0], ["401", "401", "403", "200", "200"]),
        ("`POST /health/maintenance`", Setups[1], ["401", "401", "403", "403", "200"]),
        ("`POST /health/maintenance`", Setups[2], ["401", "401", "403", "200", "401"]),
        ("`POST /health/maintenance`", Setups[3], ["401", "401", "403", "403", "401"]),
        ("`POST /health?refresh=<name>`", Setups[0], ["401", "401", "403", "200", "200"]),
        ("`POST /health?refresh=<name>`", Setups[1], ["401", "401", "403", "403", "200"]),
        ("`POST /health?refresh=<name>`", Setups[2], ["401", "401", "403", "200", "401"]),
        ("`POST /health?refresh=<name>`", Setups[3], ["401", "401", "403", "403", "401"]),
        ("`POST /ops/caches/{name}/clear`", Setups[0], ["401", "401", "403", "200", "200"]),
        ("`POST /ops/caches/{name}/clear`", Setups[1], ["401", "401", "403", "403", "200"]),
        ("`POST /ops/caches/{name}/clear`", Setups[2], ["401", "401", "403", "200", "401"]),
        ("`POST /ops/caches/{name}/clear`", Setups[3], ["401", "401", "403", "403", "401"]),
        ("`POST /ops/logging`", Setups[0], ["401", "401", "403", "200", "200"]),
        ("`POST /ops/logging`", Setups[1], ["401", "401", "403", "403", "200"]),
        ("`POST /ops/logging`", Setups[2], ["401", "401", "403", "200", "401"]),
        ("`POST /ops/logging`", Setups[3], ["401", "401", "403", "403", "401"]),
        ("`GET /ops/diagnostics`", Setups[0], ["401", "401", "403", "200", "200"]),
        ("`GET /ops/diagnostics`", Setups[1], ["401", "401", "403", "403", "200"]),
        ("`GET /ops/diagnostics`", Setups[2], ["401", "401", "403", "200", "401"]),
        ("`GET /ops/diagnostics`", Setups[3], ["401", "401", "403", "403", "401"]),
        ("`GET /health` (default `Details`)", Setups[0], ["details", "details", "details", "details", "details"]),
        ("`GET /health` (default `Details`)", Setups[1], ["details", "details", "details", "details", "details"]),
        ("`GET /health` (default `Details`)", Setups[2], ["status", "status", "status", "details", "status"]),
        ("`GET /health` (default `Details`)", Setups[3], ["status", "status", "details", "details", "status"]),
        ("`GET /ops/info` (default `Details`)", Setups[0], ["200", "200", "200", "200", "200"]),
        ("`GET /ops/info` (default `Details`)", Setups[1], ["200", "200", "200", "200", "200"]),
        ("`GET /ops/info` (default `Details`)", Setups[2], ["401", "401", "403", "200", "401"]),
        ("`GET /ops/info` (default `Details`)", Setups[3], ["401", "401", "200", "200", "401"]),
    ];

    [Fact]
    public async Task Every_caller_gets_what_the_authorization_matrix_says()
    {
        var mismatches = new List<string>();
        foreach (var setup in Setups)
        {
            await using var app = await StartAsync(setup);
            foreach (var (endpoint, _, outcomes) in Table.Where(r => r.Setup == setup))
            {
                for (var caller = 0; caller < Callers.Length; caller++)
                {
                    var actual = await OutcomeAsync(app, endpoint, caller);
                    if (actual != outcomes[caller])
                    {
                        mismatches.Add($"{endpoint}, {setup}, {Callers[caller]}: expected {outcomes[caller]}, got {actual}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void The_table_in_docs_endpoints_md_is_the_tests_table()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "endpoints.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(DocStart, StringComparison.Ordinal);
        var end = text.IndexOf(DocEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/endpoints.md has no {DocStart} … {DocEnd} block");
        var documented = text[(start + DocStart.Length)..end].Trim('\n');
        Assert.True(documented == Render(), "docs/endpoints.md differs from the test's table; it should read:\n" + Render());
    }

    internal static string Render()
    {
        var markdown = new StringBuilder();
        markdown.Append("| endpoint | setup | ").AppendJoin(" | ", Callers).Append(" |\n");
        markdown.Append("|---|---|").Append(string.Concat(Enumerable.Repeat("---|", Callers.Length))).Append('\n');
        foreach (var (endpoint, setup, outcomes) in Table)
        {
            markdown.Append("| ").Append(endpoint).Append(" | ").Append(setup).Append(" | ").AppendJoin(" | ", outcomes).Append(" |\n");
        }

        return markdown.ToString().TrimEnd('\n');
    }

    private static async Task<string> OutcomeAsync(TestApp app, string endpoint, int caller)
    {
        void As(HttpRequestMessage request)
        {
            switch (caller)
            {
                case 0:
                    request.Headers.Add(RemoteAddressHeader, "203.0.113.7");
                    break;
                case 1:
                    request.Headers.Add("X-Forwarded-For", "203.0.113.7");
                    break;
                case 2:
                    request.Headers.Add(RemoteAddressHeader, "203.0.113.7");
                    request.Headers.Add(TestRoleAuthHandler.Header, "guest");
                    break;
                case 3:
                    request.Headers.Add(RemoteAddressHeader, "203.0.113.7");
                    request.Headers.Add(TestRoleAuthHandler.Header, "ops");
                    break;
            }
        }

        if (endpoint.StartsWith("`GET /health`", StringComparison.Ordinal))
        {
            var details = await app.Client.GetJsonAsync("/health", As);
            return details.Body.TryGetProperty("checks", out _) ? "details" : "status";
        }

        if (endpoint.StartsWith("`GET /ops/", StringComparison.Ordinal))
        {
            var read = await app.Client.GetJsonAsync(endpoint.StartsWith("`GET /ops/info`", StringComparison.Ordinal) ? "/ops/info" : "/ops/diagnostics", As);
            return read.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (endpoint == "`POST /ops/logging`")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/ops/logging")
            {
                Content = new StringContent("""{"category":"Matrix","level":"Debug","duration":"00:01:00"}""", Encoding.UTF8, "application/json"),
            };
            As(request);
            using var answer = await app.Client.SendAsync(request);
            return ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var path = endpoint switch
        {
            "`POST /health/maintenance`" => "/health/maintenance?enabled=false",
            "`POST /health?refresh=<name>`" => "/health?refresh=check" + caller, // one check per caller: each may force one run
            _ => "/ops/caches/artefacts/clear",
        };
        var response = await app.Client.PostAsync(path, As);
        return response.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<TestApp> StartAsync(string setup)
    {
        var configuration = new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:01:00" };
        if (setup.EndsWith("policy named", StringComparison.Ordinal))
        {
            configuration["OpsKit:Health:DetailsPolicy"] = Operators.Policy;
            configuration["OpsKit:Caching:Policy"] = Operators.Policy;
        }

        var app = await TestApp.StartAsync(
            b =>
            {
                b.AddTestOperators();
                var health = b.Services.AddOpsHealth();
                for (var caller = 0; caller < Callers.Length; caller++)
                {
                    health.AddCheck("check" + caller, _ => Task.FromResult(HealthCheckResult.Healthy()));
                }

                b.Services.AddOpsMemoryCache("artefacts", o => o.SizeLimit = 10);
            },
            configuration,
            environment: setup.StartsWith("Development", StringComparison.Ordinal) ? "Development" : "Production",
            map: a =>
            {
                a.Use((context, next) =>
                {
                    if (context.Request.Headers.Remove(RemoteAddressHeader, out var address))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }

                    return next(context);
                });
                a.MapOpsHealth();
                a.MapOpsCaches();
                a.MapOpsInfo();
                a.MapOpsLogging();
                a.MapOpsDiagnostics();
            });
        try
        {
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
