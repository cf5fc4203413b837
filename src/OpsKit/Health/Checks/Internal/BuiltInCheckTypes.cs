using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Health.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Makes every built-in check type declarable in configuration (<c>OpsKit:Health:Checks:&lt;name&gt;:Type</c>) with its
/// validator, and registers what the checks share: the gauge store, the resolver seam. Called once by
/// <c>AddOpsHealth()</c>. A check type is a folder next to this one (options, check, validator)
/// plus one line below (and an <c>Add*</c> method in the matching <c>*ChecksBuilderExtensions</c> file, if code should add it by name).
/// </summary>
internal static class BuiltInCheckTypes
{
    public static void Register(OpsHealthBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<SystemCheckGauges>();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<CpuSampler>();
        services.TryAddSingleton<CertificateFileCache>();
        HttpChecks.AddClient(services);

        Add<DiskSpaceCheck, DiskSpaceCheckOptions, DiskSpaceCheckOptionsValidator>(builder, DiskSpaceCheck.TypeName);
        Add<DirectoryCheck, DirectoryCheckOptions, DirectoryCheckOptionsValidator>(builder, DirectoryCheck.TypeName);
        Add<FilePermissionsCheck, FilePermissionsCheckOptions, FilePermissionsCheckOptionsValidator>(builder, FilePermissionsCheck.TypeName);
        Add<FreshnessCheck, FreshnessCheckOptions, FreshnessCheckOptionsValidator>(builder, FreshnessCheck.TypeName);
        Add<CertificateCheck, CertificateCheckOptions, CertificateCheckOptionsValidator>(builder, CertificateCheck.TypeName);
        Add<HttpDependencyCheck, HttpDependencyCheckOptions, HttpDependencyCheckOptionsValidator>(builder, HttpDependencyCheck.TypeName);
        Add<TcpDependencyCheck, TcpDependencyCheckOptions, TcpDependencyCheckOptionsValidator>(builder, TcpDependencyCheck.TypeName);
        Add<ClockSkewCheck, ClockSkewCheckOptions, ClockSkewCheckOptionsValidator>(builder, ClockSkewCheck.TypeName);
        Add<ProcessMemoryCheck, ProcessMemoryCheckOptions, ProcessMemoryCheckOptionsValidator>(builder, ProcessMemoryCheck.TypeName);
        Add<ProcessCpuCheck, ProcessCpuCheckOptions, ProcessCpuCheckOptionsValidator>(builder, ProcessCpuCheck.TypeName);
        Add<FileDescriptorsCheck, FileDescriptorsCheckOptions, FileDescriptorsCheckOptionsValidator>(builder, FileDescriptorsCheck.TypeName);
        Add<ThreadPoolCheck, ThreadPoolCheckOptions, ThreadPoolCheckOptionsValidator>(builder, ThreadPoolCheck.TypeName);
    }

    private static void Add<TCheck, TOptions, TValidator>(OpsHealthBuilder builder, string type)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.AddCheckType<TCheck, TOptions>(type);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
