using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;

namespace OpsKit.Tests.Checks;

[Collection(ProcessSensitiveCollection.Name)]
public sealed class RuntimeCheckTests
{
    private const long MB = 1024 * 1024;

    [Fact]
    public async Task Holding_250_MB_of_native_memory_makes_memory_Degraded_and_releasing_it_Healthy()
    {
        GC.Collect();
        var start = Environment.WorkingSet;
        // S0-T5: DegradedAt × LimitBytes = start + 100 MB; UnhealthyAt × LimitBytes = start + 350 MB (> start + 300 MB).
        const double unhealthyAt = 0.95;
        var limit = (long)((start + (350 * MB)) / unhealthyAt);
        var degradedAt = (double)(start + (100 * MB)) / limit;
        await using var app = await CheckApp.StartAsync(h => h.AddProcessMemory(o =>
        {
            o.LimitBytes = limit;
            o.DegradedAt = degradedAt;
            o.UnhealthyAt = unhealthyAt;
        }));
        await app.WaitForAsync("memory", "Healthy");

        using (new ResidentMemory(250 * MB))
        {
            var degraded = await app.WaitForAsync("memory", "Degraded");
            Assert.Equal("threshold", degraded.Category());
            Assert.InRange(degraded.Data().GetProperty("usage").GetDouble(), degradedAt, unhealthyAt);
            Assert.Equal(limit, degraded.Data().GetProperty("limit_bytes").GetInt64());
        }

        GC.Collect();
        await app.WaitForAsync("memory", "Healthy");
        using var gauge = new MetricCollector<double>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.memory.utilization");
        gauge.RecordObservableInstruments();
        Assert.InRange(Assert.Single(gauge.GetMeasurementSnapshot()).Value, 0.01, degradedAt);
    }

    [Fact]
    public async Task Memory_without_LimitBytes_uses_the_runtime_limit()
    {
        await using var app = await CheckApp.StartAsync(h => h.AddProcessMemory());

        var check = await app.WaitForAsync("memory", "Healthy");

        Assert.Equal("runtime", check.Data().GetProperty("limit_source").GetString());
        // Read apart from the GC, which the check asks: within one page-rounding of the kernel's own figures.
        Assert.InRange(check.Data().GetProperty("limit_bytes").GetInt64(), MemoryLimitFromKernel() - MB, MemoryLimitFromKernel());
    }

    /// <summary>
    /// The memory this process may use, from the kernel's files: /proc/meminfo's MemTotal, lowered by the memory limit of
    /// the process's own cgroup (v2 <c>memory.max</c>, v1 <c>memory.limit_in_bytes</c>) when one is set.
    /// </summary>
    private static long MemoryLimitFromKernel()
    {
        var memTotalKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var limit = long.Parse(memTotalKb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        foreach (var line in File.ReadLines("/proc/self/cgroup"))
        {
            // "0::/path" (v2) or "4:memory:/path" (v1); the hierarchy is mounted at /sys/fs/cgroup or below it.
            var parts = line.Split(':', 3);
            var file = parts[1] switch
            {
                "" => Path.Combine("/sys/fs/cgroup", parts[2].TrimStart('/'), "memory.max"),
                "memory" => Path.Combine("/sys/fs/cgroup/memory", parts[2].TrimStart('/'), "memory.limit_in_bytes"),
                _ => null,
            };
            if (file is not null && File.Exists(file) && long.TryParse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var cgroupLimit))
            {
                limit = Math.Min(limit, cgroupLimit);
            }
        }

        return limit;
    }

    [Fact]
    public async Task Busy_threads_raise_cpu_over_the_window_and_idling_lowers_it()
    {
        using var stop = new CancellationTokenSource();
        await using var app = await CheckApp.StartAsync(h => h.AddProcessCpu(o =>
        {
            o.Window = TimeSpan.FromSeconds(2);
            // The machine is shared: busy threads get an unknown share, but far more than an idle process uses.
            o.DegradedAt = 0.1;
            o.UnhealthyAt = 0.99;
        }));
        await app.WaitForAsync("cpu", "Healthy", within: TimeSpan.FromSeconds(20));

        var spinners = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        }) { IsBackground = true }).ToList();
        spinners.ForEach(t => t.Start());
        try
        {
            var busy = await app.WaitForAsync("cpu", "Degraded", within: TimeSpan.FromSeconds(20));
            Assert.Equal(Environment.ProcessorCount, busy.Data().GetProperty("processor_count").GetInt32());
        }
        finally
        {
            await stop.CancelAsync();
            spinners.ForEach(t => t.Join());
        }

        await app.WaitForAsync("cpu", "Healthy", within: TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task File_descriptors_are_counted_against_the_soft_limit()
    {
        var limit = FileDescriptorsCheck.SoftLimit();
        await using var app = await CheckApp.StartAsync(h => h.AddFileDescriptors());

        var check = await app.WaitForAsync("filedescriptors", "Healthy");

        Assert.Equal(limit, check.Data().GetProperty("limit").GetInt64());
        Assert.InRange(check.Data().GetProperty("open").GetInt32(), 3, Directory.GetFileSystemEntries("/proc/self/fd").Length + 50);
    }

    [Fact]
    public async Task File_descriptor_usage_above_UnhealthyAt_is_Unhealthy()
    {
        var limit = FileDescriptorsCheck.SoftLimit()!.Value;
        // Three descriptors are always open (stdin, stdout, stderr): thresholds below 3 / limit are crossed.
        await using var app = await CheckApp.StartAsync(h => h.AddFileDescriptors(o =>
        {
            o.DegradedAt = 1.0 / limit;
            o.UnhealthyAt = 2.0 / limit;
        }));

        var check = await app.WaitForAsync("filedescriptors", "Unhealthy");

        Assert.Equal("threshold", check.Category());
    }

    [Fact]
    public async Task File_descriptor_usage_past_both_thresholds_stays_Degraded_when_configuration_empties_UnhealthyAt()
    {
        var limit = FileDescriptorsCheck.SoftLimit()!.Value;
        await using var app = await CheckApp.StartAsync(
            h => h.AddFileDescriptors(o =>
            {
                o.DegradedAt = 1.0 / limit;
                o.UnhealthyAt = 2.0 / limit;
            }),
            new Dictionary<string, string?> { ["OpsKit:Health:Checks:filedescriptors:UnhealthyAt"] = string.Empty });

        var check = await app.WaitForAsync("filedescriptors", "Degraded");

        Assert.Equal("threshold", check.Category());
    }

    [Fact]
    public async Task Thread_pool_is_Healthy_with_its_counters_in_data()
    {
        await using var app = await CheckApp.StartAsync(h => h.AddThreadPool());

        var check = await app.WaitForAsync("threadpool", "Healthy");

        Assert.True(check.Data().GetProperty("thread_count").GetInt32() > 0);
        Assert.True(check.Data().GetProperty("pending_work_items").GetInt64() >= 0);
    }

    [Fact]
    public async Task Starved_thread_pool_is_Unhealthy()
    {
        using var gate = new ManualResetEventSlim();
        var check = new ThreadPoolCheck(new ThreadPoolCheckOptions { DegradedAt = 10, UnhealthyAt = 100 });
        var blockers = Enumerable.Range(0, 400).Select(_ => Task.Factory.StartNew(() => gate.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None, TaskCreationOptions.PreferFairness, TaskScheduler.Default)).ToArray();
        HealthCheckResult result = default;
        try
        {
            // Read from a dedicated thread: a starved pool would not run the check (that shows as a timeout in the engine).
            var reader = new Thread(() => result = check.CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult());
            reader.Start();
            reader.Join();
        }
        finally
        {
            gate.Set();
            await Task.WhenAll(blockers);
        }

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.True((long)result.Data["pending_work_items"] >= 100);
    }
}
