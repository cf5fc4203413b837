namespace OpsKit.Caching.Internal;

/// <summary>Validates the disk-cache bounds' options at start-up, then starts their sweepers.</summary>
internal sealed class DiskCachesHostedService(IServiceProvider services)
    : CachesHostedService<OpsDiskCacheBoundOptions>(services, OpsDiskCacheBoundOptions.SectionName)
{
    protected override string UnknownName(string key) => $"no disk cache bound named '{key}' is registered (AddOpsDiskCacheBound).";

    protected override IReadOnlyList<IDisposable> Start(IServiceProvider services)
    {
        var sweepers = services.GetRequiredService<DiskCaches>().All;
        foreach (var sweeper in sweepers)
        {
            sweeper.Start();
        }

        return sweepers;
    }
}
