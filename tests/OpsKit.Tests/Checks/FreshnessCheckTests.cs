using Microsoft.Extensions.DependencyInjection;
namespace OpsKit.Tests.Checks;

public sealed class FreshnessCheckTests
{
    [Fact]
    public async Task Newest_file_older_than_MaxAge_is_Unhealthy_until_a_new_one_is_written()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var backups = directory.CreateSubdirectory("backups", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var old = Path.Combine(backups, "old.tar");
        await File.WriteAllTextAsync(old, "x");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        await using var app = await CheckApp.StartAsync(h => h.AddFreshness("backup", backups, TimeSpan.FromHours(1)));

        var stale = await app.WaitForAsync("backup", "Unhealthy");
        Assert.Equal("threshold", stale.Category());
        Assert.InRange(stale.Data().GetProperty("age_seconds").GetDouble(), 7100, 7300);

        await File.WriteAllTextAsync(Path.Combine(backups, "new.tar"), "y");
        await app.WaitForAsync("backup", "Healthy");
    }
}
