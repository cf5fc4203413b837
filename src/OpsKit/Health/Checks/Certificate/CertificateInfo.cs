namespace OpsKit.Health.Checks.Internal;

/// <summary>One certificate as the certificate check reports it.</summary>
internal sealed record CertificateInfo(string Id, string Subject, DateTimeOffset NotAfter, string Chain);
