using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsKit.Benchmarks.Checks;

/// <summary>
/// Cost of one execution of each built-in check as the engine runs it (create the check from its registration with
/// current options, run it), next to the plain call a hand-written check would make, and of the whole set.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class SystemCheckBenchmarks
{
    private readonly Dictionary<string, HealthCheckRegistration> _registrations = [];
    private ServiceProvider _services = null!;
    private WebApplication _http = null!;
    private WebApplication _https = null!;
    private HttpClient _plainClient = null!;
    private string _root = null!;
    private int _httpPort;
    private int _httpsPort;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("opskit-bench-").FullName;
        var certs = Directory.CreateDirectory(Path.Combine(_root, "certs")).FullName;
        foreach (var (id, days) in new[] { ("ok", 60), ("soon", 20), ("later", 400) })
        {
            using var c = Certificate(days);
            File.WriteAllText(Path.Combine(certs, id + ".pem"), c.ExportCertificatePem());
        }

        File.WriteAllText(Path.Combine(_root, "fresh.txt"), "x");
        using var tls = Certificate(60);
        (_http, _httpPort) = Start(null);
        (_https, _httpsPort) = Start(X509CertificateLoader.LoadPkcs12(tls.Export(X509ContentType.Pkcs12), null));
        _plainClient = new HttpClient();

        var settings = new Dictionary<string, string?>();
        void Declare(string name, string type, params (string Key, string Value)[] keys)
        {
            settings[$"OpsKit:Health:Checks:{name}:Type"] = type;
            foreach (var (key, value) in keys)
            {
                settings[$"OpsKit:Health:Checks:{name}:{key}"] = value;
            }
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Declare("disk", "disk", ("Path", _root));
        Declare("directory", "directory", ("Path", _root));
        Declare("permissions", "permissions", ("Path", _root), ("MaxMode", "0777"));
        Declare("freshness", "freshness", ("Path", _root), ("MaxAge", "01:00:00"));
        Declare("certificate", "certificate", ("Path", certs));
        Declare("http", "http", ("Url", $"http://127.0.0.1:{_httpPort}/health"));
        Declare("tcp", "tcp", ("Host", "127.0.0.1"), ("Port", _httpPort.ToString(inv)));
        Declare("remote-tls", "certificate", ("Host", "127.0.0.1"), ("Port", _httpsPort.ToString(inv)));
        Declare("clockskew", "clockskew", ("Url", $"http://127.0.0.1:{_httpPort}/health"));
        Declare("memory", "memory");
        Declare("cpu", "cpu");
        Declare("filedescriptors", "filedescriptors");
        Declare("threadpool", "threadpool");

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddOpsHealth();
        _services = services.BuildServiceProvider();
        foreach (var registration in _services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations)
        {
            _registrations[registration.Name] = registration;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plainClient.Dispose();
        _services.Dispose();
        _http.StopAsync().GetAwaiter().GetResult();
        _https.StopAsync().GetAwaiter().GetResult();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("disk")]
    public long Disk_plain_DriveInfo() => new DriveInfo(_root).AvailableFreeSpace;

    [Benchmark, BenchmarkCategory("disk")]
    public Task<HealthCheckResult> Disk_OpsKit() => Run("disk");

    [Benchmark(Baseline = true), BenchmarkCategory("directory")]
    public void Directory_plain_write_delete()
    {
        var probe = Path.Combine(_root, "plain-probe");
        File.WriteAllBytes(probe, [1]);
        File.Delete(probe);
    }

    [Benchmark, BenchmarkCategory("directory")]
    public Task<HealthCheckResult> Directory_OpsKit() => Run("directory");

    [Benchmark(Baseline = true), BenchmarkCategory("permissions")]
    public UnixFileMode Permissions_plain_GetUnixFileMode() => File.GetUnixFileMode(_root);

    [Benchmark, BenchmarkCategory("permissions")]
    public Task<HealthCheckResult> Permissions_OpsKit() => Run("permissions");

    [Benchmark(Baseline = true), BenchmarkCategory("freshness")]
    public DateTime Freshness_plain_newest_write() => new DirectoryInfo(_root).EnumerateFiles().Max(f => f.LastWriteTimeUtc);

    [Benchmark, BenchmarkCategory("freshness")]
    public Task<HealthCheckResult> Freshness_OpsKit() => Run("freshness");

    [Benchmark(Baseline = true), BenchmarkCategory("certificate")]
    public DateTime Certificate_plain_load_NotAfter()
    {
        var min = DateTime.MaxValue;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "certs")))
        {
            using var c = X509CertificateLoader.LoadCertificateFromFile(file);
            min = c.NotAfter < min ? c.NotAfter : min;
        }

        return min;
    }

    [Benchmark, BenchmarkCategory("certificate")]
    public Task<HealthCheckResult> Certificate_OpsKit() => Run("certificate");

    [Benchmark(Baseline = true), BenchmarkCategory("http")]
    public async Task<int> Http_plain_HttpClient()
    {
        using var response = await _plainClient.GetAsync(new Uri($"http://127.0.0.1:{_httpPort}/health"));
        return (int)response.StatusCode;
    }

    [Benchmark, BenchmarkCategory("http")]
    public Task<HealthCheckResult> Http_OpsKit() => Run("http");

    [Benchmark(Baseline = true), BenchmarkCategory("tcp")]
    public async Task Tcp_plain_Socket()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _httpPort));
    }

    [Benchmark, BenchmarkCategory("tcp")]
    public Task<HealthCheckResult> Tcp_OpsKit() => Run("tcp");

    [Benchmark, BenchmarkCategory("remote-tls")]
    public Task<HealthCheckResult> RemoteTls_OpsKit() => Run("remote-tls");

    [Benchmark, BenchmarkCategory("clockskew")]
    public Task<HealthCheckResult> ClockSkew_OpsKit() => Run("clockskew");

    [Benchmark(Baseline = true), BenchmarkCategory("memory")]
    public long Memory_plain_WorkingSet() => Environment.WorkingSet;

    [Benchmark, BenchmarkCategory("memory")]
    public Task<HealthCheckResult> Memory_OpsKit() => Run("memory");

    [Benchmark, BenchmarkCategory("cpu")]
    public Task<HealthCheckResult> Cpu_OpsKit() => Run("cpu");

    [Benchmark, BenchmarkCategory("filedescriptors")]
    public Task<HealthCheckResult> FileDescriptors_OpsKit() => Run("filedescriptors");

    [Benchmark, BenchmarkCategory("threadpool")]
    public Task<HealthCheckResult> ThreadPool_OpsKit() => Run("threadpool");

    [Benchmark, BenchmarkCategory("all")]
    public async Task All_13_checks_OpsKit()
    {
        foreach (var name in _registrations.Keys)
        {
            await Run(name);
        }
    }

    private Task<HealthCheckResult> Run(string name)
    {
        var registration = _registrations[name];
        return registration.Factory(_services).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    private static X509Certificate2 Certificate(int days)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days));
    }

    private static (WebApplication App, int Port) Start(X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            if (certificate is not null)
            {
                l.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(app.Urls.First());
        return (app, address.Port);
    }
}
