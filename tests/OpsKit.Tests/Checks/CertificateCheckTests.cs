using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace OpsKit.Tests.Checks;

public sealed class CertificateCheckTests
{
    [Fact]
    public async Task Expired_and_expiring_certificates_drive_the_status_as_files_change()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var certs = directory.CreateSubdirectory("certs", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var now = DateTimeOffset.UtcNow;
        TestCertificates.WritePem(certs, "ok", now.AddDays(60));
        var soon = TestCertificates.WritePem(certs, "soon", now.AddDays(3));
        var expired = TestCertificates.WritePem(certs, "expired", now.AddDays(-1));

        await using var app = await CheckApp.StartAsync(h => h.AddCertificates("tls", certs));

        var check = await app.WaitForAsync("tls", "Unhealthy");
        Assert.Equal("threshold", check.Category());
        var days = Days(check);
        Assert.InRange(days["ok"], 59.9, 60);
        Assert.InRange(days["soon"], 2.9, 3);
        Assert.InRange(days["expired"], -1.01, -0.99);

        File.Delete(expired);
        await app.WaitForAsync("tls", "Degraded", c => !Days(c).ContainsKey("expired"));

        File.Delete(soon);
        var healthy = await app.WaitForAsync("tls", "Healthy", c => !Days(c).ContainsKey("soon"));
        Assert.Empty(healthy.Data().GetProperty("expiring_soon").EnumerateArray());

        TestCertificates.WritePem(certs, "later", now.AddDays(20));
        var listed = await app.WaitForAsync("tls", "Healthy", c => Days(c).ContainsKey("later"));
        Assert.Equal(["later"], listed.Data().GetProperty("expiring_soon").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Renewed_certificate_written_over_the_old_file_is_picked_up()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var certs = directory.CreateSubdirectory("certs", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        TestCertificates.WritePem(certs, "api", DateTimeOffset.UtcNow.AddDays(3));

        await using var app = await CheckApp.StartAsync(h => h.AddCertificates("tls", certs));
        await app.WaitForAsync("tls", "Degraded");

        TestCertificates.WritePem(certs, "api", DateTimeOffset.UtcNow.AddDays(90));

        var renewed = await app.WaitForAsync("tls", "Healthy");
        Assert.InRange(Days(renewed)["api"], 89.9, 90);
    }

    [Fact]
    public async Task Expiry_gauge_is_within_two_minutes_of_the_truth()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var certs = directory.CreateSubdirectory("certs", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        TestCertificates.WritePem(certs, "soon", DateTimeOffset.UtcNow.AddDays(3));

        await using var app = await CheckApp.StartAsync(h => h.AddCertificates("tls", certs));
        await app.WaitForAsync("tls", "Degraded");

        using var gauge = new MetricCollector<double>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.certificate.expiry");
        gauge.RecordObservableInstruments();
        var measurement = Assert.Single(gauge.GetMeasurementSnapshot());
        Assert.Equal("soon", measurement.Tags["certificate"]);
        Assert.InRange(measurement.Value, 259_200 - 120, 259_200 + 120);
    }

    [Fact]
    public async Task Pfx_and_der_files_are_read_with_subject_and_chain_status()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var certs = directory.CreateSubdirectory("certs", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using (var pfx = TestCertificates.Create("api", DateTimeOffset.UtcNow.AddDays(90)))
        {
            await File.WriteAllBytesAsync(Path.Combine(certs, "api.pfx"), pfx.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
        }

        using (var der = TestCertificates.Create("root", DateTimeOffset.UtcNow.AddDays(400)))
        {
            await File.WriteAllBytesAsync(Path.Combine(certs, "root.cer"), der.RawData);
        }

        await using var app = await CheckApp.StartAsync(h => h.AddCertificates("tls", certs));

        var check = await app.WaitForAsync("tls", "Healthy");
        var entries = check.Data().GetProperty("certificates").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal("CN=api", entries["api"].GetProperty("subject").GetString());
        Assert.Equal("CN=root", entries["root"].GetProperty("subject").GetString());
        Assert.Contains("UntrustedRoot", entries["root"].GetProperty("chain").GetString(), StringComparison.Ordinal);
    }

    internal static Dictionary<string, double> Days(JsonElement check) =>
        check.Data().GetProperty("certificates").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("days_remaining").GetDouble());
}
