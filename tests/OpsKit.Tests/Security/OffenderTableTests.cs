using OpsKit.Security.Internal;

namespace OpsKit.Tests.Security;

public sealed class OffenderTableTests
{
    [Fact]
    public void Table_stays_bounded_under_ten_thousand_distinct_addresses_and_keeps_the_heavy_hitter()
    {
        var table = new OffenderTable(capacity: 20);

        for (var i = 0; i < 10_000; i++)
        {
            table.Add($"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
            if (i % 10 == 0)
            {
                table.Add("192.0.2.7");
            }
        }

        var rows = table.Snapshot();
        Assert.Equal(20, table.Count);
        Assert.Equal(20, rows.Count);
        Assert.Equal("192.0.2.7", rows[0].Address);
        Assert.InRange(rows[0].Count - rows[0].Error, 1, 1000);
        Assert.True(rows[0].Count >= 1000);
    }

    [Fact]
    public void Counts_below_capacity_are_exact()
    {
        var table = new OffenderTable(capacity: 20);

        table.Add("127.0.0.1");
        table.Add("127.0.0.1");
        table.Add("::1");

        Assert.Equal([new Offender("127.0.0.1", 2, 0), new Offender("::1", 1, 0)], table.Snapshot());
    }
}
