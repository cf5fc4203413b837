using System.Diagnostics;
using OpenTelemetry;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Lets the checks' requests be traced only as children of a check run's span. When the application traces
/// HttpClient but not the <c>OpsKit</c> source, a check's request would otherwise start a trace of its own every
/// period; OpenTelemetry's instrumentation skips it instead, and no <c>traceparent</c> is sent.
/// </summary>
internal sealed class CheckTrafficTracingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Activity.Current?.Source.Name == OpsKitActivitySource.Name)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using (SuppressInstrumentationScope.Begin())
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
