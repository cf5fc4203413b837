using Microsoft.Extensions.Time.Testing;
using OpsKit.Health.Checks.Internal;

namespace OpsKit.Tests.Checks;

/// <summary>The CPU check against a fractional cgroup quota, read from a fake cgroup tree under a temporary directory.</summary>
public sealed class CpuLimitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("opskit-cgroup-").FullName;

    private string Cgroup => Path.Combine(_root, "sys", "fs", "cgroup");

    private string SelfCgroup => Path.Combine(_root, "proc", "self", "cgroup");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Cgroup_v2_half_a_cpu_is_read_from_the_process_cgroup()
    {
        WriteV2(self: "/kubepods/pod-a/app", ("", "max 100000"), ("kubepods/pod-a/app", "50000 100000"));

        Assert.Equal((0.5, "cgroup_v2"), Limit().Read());
    }

    [Fact]
    public void Cgroup_v2_takes_the_smallest_quota_on_the_path_up_to_the_root()
    {
        WriteV2(self: "/kubepods/pod-a/app", ("kubepods/pod-a", "25000 100000"), ("kubepods/pod-a/app", "50000 100000"));

        Assert.Equal((0.25, "cgroup_v2"), Limit().Read());
    }

    [Fact]
    public void Cgroup_v2_in_its_own_namespace_reads_the_mount_itself()
    {
        WriteV2(self: "/", ("", "150000 100000"));

        Assert.Equal((1.5, "cgroup_v2"), Limit().Read());
    }

    [Fact]
    public void Cgroup_v1_quota_over_period_is_the_limit()
    {
        // The host path in /proc/self/cgroup does not exist in the container's mount: the mount is the container's cgroup.
        WriteV1(self: "4:cpu,cpuacct:/docker/0123abcd", quota: "50000", period: "100000");

        Assert.Equal((0.5, "cgroup_v1"), Limit().Read());
    }

    [Fact]
    public void No_quota_in_either_version_is_no_limit()
    {
        WriteV2(self: "/app", ("", "max 100000"), ("app", "max 100000"));
        Assert.Null(Limit().Read());

        Directory.Delete(Cgroup, recursive: true);
        WriteV1(self: "4:cpu,cpuacct:/", quota: "-1", period: "100000");
        Assert.Null(Limit().Read());

        Directory.Delete(Cgroup, recursive: true);
        Assert.Null(Limit().Read());
    }

    [Fact]
    public void Usage_against_half_a_cpu_is_usage_over_the_quota_not_over_the_processor_count()
    {
        WriteV2(self: "/app", ("app", "50000 100000"));

        var reading = Measure(cpuSecondsPerMinute: 15);

        Assert.Equal(0.5, reading.Capacity);
        Assert.Equal("cgroup_v2", reading.Source);
        Assert.Equal(0.5, reading.Usage, precision: 6);
    }

    [Fact]
    public void Usage_against_a_cgroup_v1_quota_is_usage_over_that_quota()
    {
        WriteV1(self: "4:cpu,cpuacct:/", quota: "25000", period: "100000");

        var reading = Measure(cpuSecondsPerMinute: 12);

        Assert.Equal("cgroup_v1", reading.Source);
        Assert.Equal(0.8, reading.Usage, precision: 6);
    }

    [Fact]
    public void Without_a_quota_usage_is_over_the_processor_count()
    {
        WriteV2(self: "/app", ("app", "max 100000"));

        var reading = Measure(cpuSecondsPerMinute: 15);

        Assert.Equal("processor_count", reading.Source);
        Assert.Equal(Environment.ProcessorCount, reading.Capacity);
        Assert.Equal(0.25 / Environment.ProcessorCount, reading.Usage, precision: 6);
    }

    [Fact]
    public void A_quota_above_the_processor_count_is_capped_at_the_processor_count()
    {
        WriteV2(self: "/", ("", $"{(Environment.ProcessorCount + 2) * 100000} 100000"));

        var reading = Measure(cpuSecondsPerMinute: 6);

        Assert.Equal("processor_count", reading.Source);
        Assert.Equal(0.1 / Environment.ProcessorCount, reading.Usage, precision: 6);
    }

    private CpuReading Measure(double cpuSecondsPerMinute)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cpu = TimeSpan.FromSeconds(100);
        var sampler = new CpuSampler(time, Limit(), () => cpu);
        sampler.Read(TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(1));
        cpu += TimeSpan.FromSeconds(cpuSecondsPerMinute);
        return sampler.Read(TimeSpan.FromMinutes(1));
    }

    private CgroupCpuLimit Limit() => new(Cgroup, SelfCgroup);

    private void WriteV2(string self, params (string Directory, string CpuMax)[] levels)
    {
        Write(Path.Combine(Cgroup, "cgroup.controllers"), "cpuset cpu io memory pids");
        Write(SelfCgroup, "0::" + self);
        foreach (var (directory, cpuMax) in levels)
        {
            Write(Path.Combine(Cgroup, directory, "cpu.max"), cpuMax);
        }
    }

    private void WriteV1(string self, string quota, string period)
    {
        Write(SelfCgroup, "12:memory:/docker/0123abcd\n" + self + "\n0::/");
        Write(Path.Combine(Cgroup, "cpu,cpuacct", "cpu.cfs_quota_us"), quota);
        Write(Path.Combine(Cgroup, "cpu,cpuacct", "cpu.cfs_period_us"), period);
    }

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? _root);
        File.WriteAllText(path, text + "\n");
    }
}
