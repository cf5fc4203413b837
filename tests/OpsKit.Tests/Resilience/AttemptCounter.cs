using System.Collections.Concurrent;

namespace OpsKit.Tests.Resilience;

/// <summary>Sits below the OpsKit handler and counts every endpoint attempt by authority.</summary>
internal sealed class AttemptCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int Total => _attempts.Values.Sum();

    public int For(Uri endpoint) => _attempts.GetValueOrDefault(endpoint.Authority);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _attempts.AddOrUpdate(request.RequestUri!.Authority, 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
