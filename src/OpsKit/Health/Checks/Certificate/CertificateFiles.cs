using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpsKit.Health.Checks.Internal;

/// <summary>Reads the leaf certificate of each PEM/CRT/CER/PFX file in a file or directory.</summary>
internal static class CertificateFiles
{
    private static readonly string[] Extensions = [".pem", ".crt", ".cer", ".pfx", ".p12"];

    public static IEnumerable<string> Find(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        return Directory.EnumerateFiles(path)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>The leaf and its chain (other certificates in the same file); null when the file holds no certificate.</summary>
    public static CertificateInfo? Read(string file, string id)
    {
        var collection = Load(file);
        try
        {
            if (collection.Count == 0)
            {
                return null;
            }

            var leaf = collection.FirstOrDefault(c => c.HasPrivateKey) ?? collection[0];
            return new CertificateInfo(id, leaf.Subject, new DateTimeOffset(leaf.NotAfter.ToUniversalTime()), ChainStatus(leaf, collection));
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }

    public static string ChainStatus(X509Certificate2 leaf, X509Certificate2Collection extra)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // Expiry is what the check reports in days; the chain status says whether the rest of the chain holds.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        if (chain.Build(leaf))
        {
            return "valid";
        }

        var flags = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray();
        return flags.Length == 0 ? "invalid" : string.Join(", ", flags);
    }

    private static X509Certificate2Collection Load(string file)
    {
        var extension = Path.GetExtension(file);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12CollectionFromFile(file, password: null);
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(file);
        }
        catch (CryptographicException) when (collection.Count == 0)
        {
            // DER-encoded .cer/.crt.
            collection.Add(X509CertificateLoader.LoadCertificateFromFile(file));
        }

        if (collection.Count == 0 && !File.ReadAllText(file).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            collection.Add(X509CertificateLoader.LoadCertificateFromFile(file));
        }

        return collection;
    }
}
