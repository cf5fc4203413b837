using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>
/// Counts outbound TLS validation failures of a handler while keeping its validation: the handler's own callback (or,
/// without one, the platform's verdict <c>sslPolicyErrors == None</c>) still decides; a rejection counts
/// <c>certificate_validation_failed</c> with a reason from the policy errors and chain status.
/// </summary>
internal sealed class CertificateValidationSignals(SecuritySignals signals) : IOutboundTlsObserver
{
    /// <summary>Wraps the handler's server certificate validation once (wrapping again is a no-op).</summary>
    public void Wrap(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var ssl = handler.SslOptions;
        if (ssl.RemoteCertificateValidationCallback?.Target is Wrapper)
        {
            return;
        }

        ssl.RemoteCertificateValidationCallback = new Wrapper(this, ssl.RemoteCertificateValidationCallback).Validate;
    }

    /// <summary>Wraps an <see cref="HttpClientHandler"/> (the factory's default primary handler) the same way.</summary>
    public void Wrap(HttpClientHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var existing = handler.ServerCertificateCustomValidationCallback;
        if (existing?.Target is Wrapper)
        {
            return;
        }

        var wrapper = new Wrapper(this, existing is null ? null : (sender, certificate, chain, errors) =>
            existing((HttpRequestMessage)sender, certificate as X509Certificate2, chain, errors));
        handler.ServerCertificateCustomValidationCallback = wrapper.ValidateMessage;
    }

    internal static SecurityEventReason Classify(SslPolicyErrors errors, X509Chain? chain)
    {
        var status = X509ChainStatusFlags.NoError;
        foreach (var element in chain?.ChainStatus ?? [])
        {
            status |= element.Status;
        }

        if ((status & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0)
        {
            return SecurityEventReason.Expired;
        }

        if ((status & X509ChainStatusFlags.NotSignatureValid) != 0)
        {
            return SecurityEventReason.InvalidSignature;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return SecurityEventReason.NameMismatch;
        }

        if ((status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return SecurityEventReason.UntrustedRoot;
        }

        return (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0
            ? SecurityEventReason.NotAvailable
            : SecurityEventReason.Other;
    }

    private void Count(SslPolicyErrors errors, X509Chain? chain, string host) => signals.RecordCertificateFailure(Classify(errors, chain), host);

    private sealed class Wrapper(CertificateValidationSignals owner, RemoteCertificateValidationCallback? inner)
    {
        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var accepted = inner?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
            if (!accepted)
            {
                owner.Count(errors, chain, (sender as SslStream)?.TargetHostName ?? "-");
            }

            return accepted;
        }

        public bool ValidateMessage(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var accepted = inner?.Invoke(request, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
            if (!accepted)
            {
                owner.Count(errors, chain, request.RequestUri?.Host ?? "-");
            }

            return accepted;
        }
    }
}
