using System.Net;
using OpsKit.Resilience.Internal;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpsKit.Tests.Resilience;

/// <summary>What the pipelines treat as transient, as Http.Resilience's predicates (and OpsKit's open-circuit rule) decide it.</summary>
public sealed class HttpTransienceTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(200, false)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public void Status_codes_are_transient_as_Http_Resilience_says(int status, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        var outcome = Outcome.FromResult(response);

        Assert.Equal(transient, HttpTransience.IsTransient(outcome, CancellationToken.None));
        Assert.Equal(transient, HttpTransience.IsFailure(outcome, CancellationToken.None));
    }

    [Fact]
    public void Connection_failures_and_attempt_timeouts_are_transient_failures()
    {
        Assert.True(HttpTransience.IsFailure(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError)), CancellationToken.None));
        Assert.True(HttpTransience.IsFailure(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), CancellationToken.None));
    }

    [Fact]
    public void An_open_circuit_is_transient_for_failover_but_not_a_failure_for_the_breaker()
    {
        var outcome = Outcome.FromException<HttpResponseMessage>(new BrokenCircuitException());

        Assert.True(HttpTransience.IsTransient(outcome, CancellationToken.None));
        Assert.False(HttpTransience.IsFailure(outcome, CancellationToken.None));
    }

    [Fact]
    public async Task A_connect_timeout_is_transient_but_the_callers_cancellation_is_not()
    {
        // The connect timeout as SocketsHttpHandler reports it: a connect step that never completes.
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(100),
            ConnectCallback = async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        using var client = new HttpClient(handler);
        var connectTimeout = await Record.ExceptionAsync(() => client.GetAsync(new Uri("http://127.0.0.1:9/")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.True(HttpTransience.IsTransient(Outcome.FromException<HttpResponseMessage>(connectTimeout!), CancellationToken.None));
        Assert.False(HttpTransience.IsTransient(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException(cancelled.Token)), cancelled.Token));
    }
}
