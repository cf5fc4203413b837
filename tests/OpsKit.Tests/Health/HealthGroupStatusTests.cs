using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;
using OpsKit.Health.Internal;

namespace OpsKit.Tests.Health;

/// <summary>The status of each group as the snapshot computes it, without a host.</summary>
public sealed class HealthGroupStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    private static CheckDescriptor Check(int index, string name, bool critical, params string[] tags) => new(
        index,
        new HealthCheckRegistration(name, _ => null!, HealthStatus.Unhealthy, tags),
        critical,
        [OpsHealthTags.Ready],
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(5),
        allTags: tags);

    private static CheckResultEntry Result(HealthStatus status) => new(status, TimeSpan.FromMilliseconds(1), Now, Now, null, null, []);

    [Theory]
    [InlineData(HealthStatus.Healthy, HealthStatus.Healthy, true, HealthStatus.Healthy)]
    [InlineData(HealthStatus.Degraded, HealthStatus.Healthy, true, HealthStatus.Degraded)]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Healthy, true, HealthStatus.Unhealthy)]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Healthy, false, HealthStatus.Degraded)]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Unhealthy, false, HealthStatus.Unhealthy)]
    public void A_groups_status_follows_the_readiness_rules_over_the_checks_carrying_its_tags(
        HealthStatus first, HealthStatus second, bool firstIsCritical, HealthStatus expected)
    {
        CheckDescriptor[] checks = [Check(0, "first", firstIsCritical, "db"), Check(1, "second", true, "DB", "edge"), Check(2, "other", true)];
        var group = new HealthGroup("db", new OpsHealthGroupOptions { Path = "/health/db", Tags = ["db"] }, [true, true, false]);
        var snapshot = HealthSnapshot.Empty(checks, [group], Now)
            .With(0, Result(first), Now)
            .With(1, Result(second), Now)
            .With(2, Result(HealthStatus.Unhealthy), Now);

        Assert.Equal(expected, snapshot.GroupStatus[0]);
        Assert.Equal(HealthStatus.Unhealthy, snapshot.Ready);
    }

    [Fact]
    public void A_group_has_no_status_until_each_of_its_checks_has_a_result_and_ignores_other_checks_meanwhile()
    {
        CheckDescriptor[] checks = [Check(0, "first", true, "db"), Check(1, "other", true)];
        var group = new HealthGroup("db", new OpsHealthGroupOptions { Path = "/health/db", Tags = ["db"] }, [true, false]);
        var snapshot = HealthSnapshot.Empty(checks, [group], Now);

        Assert.Null(snapshot.GroupStatus[0]);
        Assert.Equal(HealthStatus.Healthy, snapshot.With(0, Result(HealthStatus.Healthy), Now).GroupStatus[0]);
    }

    [Fact]
    public void Group_membership_matches_any_of_its_tags_without_regard_to_case()
    {
        CheckDescriptor[] checks = [Check(0, "first", true, "DB"), Check(1, "second", true, "edge"), Check(2, "third", true, "other")];
        var errors = new List<string>();
        var options = new OpsHealthOptions();
        options.Groups["db"] = new OpsHealthGroupOptions { Path = "/health/db", Tags = ["db", "edge"] };

        var group = Assert.Single(HealthGroups.Build(options, checks, errors));

        Assert.Empty(errors);
        Assert.Equal([true, true, false], checks.Select(group.Contains));
    }
}
