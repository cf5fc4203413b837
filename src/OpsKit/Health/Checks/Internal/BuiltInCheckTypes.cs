using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsKit.Health.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Makes every built-in check type declarable in configuration (<c>OpsKit:Health:Checks:&lt;name&gt;:Type</c>) and
/// registers what the checks share: validators, the gauge store, the resolver seam. Called once by <c>AddOpsHealth()</c>.
/// </summary>
internal static class BuiltInCheckTypes
{
    public const string Disk = "disk";
    public const string Directory = "directory";
    public const string Permissions = "permissions";
    public const string Freshness = "freshness";
    public const string Certificate = "certificate";
    public const string Http = "http";
    public const string Tcp = "tcp";
    public const string ClockSkew = "clockskew";
    public const string Memory = "memory";
    public const string Cpu = "cpu";
    public const string FileDescriptors = "filedescriptors";
    public const string ThreadPool = "threadpool";

    public static void Register(OpsHealthBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<SystemCheckGauges>();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<CpuSampler>();
        services.TryAddSingleton<CertificateFileCache>();
        HttpChecks.AddClient(services);

        builder.AddCheckType<DiskSpaceCheck, DiskSpaceCheckOptions>(Disk);
        builder.AddCheckType<DirectoryCheck, DirectoryCheckOptions>(Directory);
        builder.AddCheckType<FilePermissionsCheck, FilePermissionsCheckOptions>(Permissions);
        builder.AddCheckType<FreshnessCheck, FreshnessCheckOptions>(Freshness);
        builder.AddCheckType<CertificateCheck, CertificateCheckOptions>(Certificate);
        builder.AddCheckType<HttpDependencyCheck, HttpDependencyCheckOptions>(Http);
        builder.AddCheckType<TcpDependencyCheck, TcpDependencyCheckOptions>(Tcp);
        builder.AddCheckType<ClockSkewCheck, ClockSkewCheckOptions>(ClockSkew);
        builder.AddCheckType<ProcessMemoryCheck, ProcessMemoryCheckOptions>(Memory);
        builder.AddCheckType<ProcessCpuCheck, ProcessCpuCheckOptions>(Cpu);
        builder.AddCheckType<FileDescriptorsCheck, FileDescriptorsCheckOptions>(FileDescriptors);
        builder.AddCheckType<ThreadPoolCheck, ThreadPoolCheckOptions>(ThreadPool);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiskSpaceCheckOptions>, DiskSpaceCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectoryCheckOptions>, DirectoryCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FilePermissionsCheckOptions>, FilePermissionsCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FreshnessCheckOptions>, FreshnessCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CertificateCheckOptions>, CertificateCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpDependencyCheckOptions>, HttpDependencyCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TcpDependencyCheckOptions>, TcpDependencyCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClockSkewCheckOptions>, ClockSkewCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcessMemoryCheckOptions>, ProcessMemoryCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcessCpuCheckOptions>, ProcessCpuCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileDescriptorsCheckOptions>, FileDescriptorsCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ThreadPoolCheckOptions>, ThreadPoolCheckOptionsValidator>());
    }
}
