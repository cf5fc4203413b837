namespace OpsKit.Hosting.Internal;

/// <summary>
/// Observes the server-certificate validation of an outbound handler without changing its verdict. Security signals
/// implement it; capabilities that build their own primary handler (resilience pipelines) hand it over when one is
/// registered.
/// </summary>
internal interface IOutboundTlsObserver
{
    /// <summary>Wraps the handler's server certificate validation once (wrapping again is a no-op).</summary>
    void Wrap(SocketsHttpHandler handler);
}
