using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OpsKit.Tests.Checks;

/// <summary>
/// The certificate check's edges with its defaults, on a clock set to the second: Degraded under 7 days left, Unhealthy
/// at 1 day or less. A certificate's NotAfter has whole seconds, so each case sits exactly on an edge or one second off it.
/// </summary>
public sealed class CertificateThresholdTests
{
    private static readonly DateTimeOffset NotAfter = new(2031, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(7 * 86_400, "Healthy")]
    [InlineData(7 * 86_400 - 1, "Degraded")]
    [InlineData(86_400 + 1, "Degraded")]
    [InlineData(86_400, "Unhealthy")]
    public async Task Days_left_on_the_edges_give_the_documented_status(int secondsLeft, string status)
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var certs = directory.CreateSubdirectory("certs", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        TestCertificates.WritePem(certs, "edge", NotAfter);
        var clock = new FakeTimeProvider(NotAfter.AddSeconds(-secondsLeft));

        await using var app = await CheckApp.StartAsync(h => h.AddCertificates("tls", certs), services: s => s.AddSingleton<TimeProvider>(clock));

        var check = await app.WaitForAsync("tls", status);
        var entry = check.Data().GetProperty("certificates").EnumerateArray().Single();
        Assert.Equal(Math.Round(secondsLeft / 86_400.0, 2), entry.GetProperty("days_remaining").GetDouble());
    }
}
