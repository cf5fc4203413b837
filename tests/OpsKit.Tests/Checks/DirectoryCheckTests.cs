using Microsoft.Extensions.DependencyInjection;


namespace OpsKit.Tests.Checks;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DirectoryCheckTests
{
    private const UnixFileMode Mode0555 =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0777 = Mode0555 | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private const UnixFileMode Mode0750 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    [Fact]
    public async Task Read_only_directory_is_Unhealthy_permission_denied_for_a_non_root_process()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var data = directory.CreateSubdirectory("data", Mode0555);

        var result = await CheckProbe.RunAsNobodyAsync(directory, "directory", $"Path={data}");

        Assert.Equal("Unhealthy", result.GetProperty("status").GetString());
        Assert.Equal("permission", result.GetProperty("category").GetString());
        Assert.Contains("denied", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_directory_is_Unhealthy_permission_for_a_non_root_process()
    {
        using var directory = await NobodyDirectory.CreateAsync();

        var result = await CheckProbe.RunAsNobodyAsync(directory, "directory", $"Path={Path.Combine(directory.Path, "missing")}");

        Assert.Equal("Unhealthy", result.GetProperty("status").GetString());
        Assert.Equal("permission", result.GetProperty("category").GetString());
        Assert.Equal("False", result.GetProperty("data").GetProperty("exists").GetString());
    }

    [Fact]
    public async Task Auto_create_that_the_process_may_not_do_is_Unhealthy_permission_denied()
    {
        using var directory = await NobodyDirectory.CreateAsync();

        // The root of a NobodyDirectory is 0755 and owned by the test user: nobody cannot create in it.
        var result = await CheckProbe.RunAsNobodyAsync(directory, "directory", $"Path={Path.Combine(directory.Path, "cache")}", "Create=true", "Mode=0750");

        Assert.Equal("Unhealthy", result.GetProperty("status").GetString());
        Assert.Equal("permission", result.GetProperty("category").GetString());
        Assert.Contains("denied", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writable_directory_is_Healthy_for_a_non_root_process()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var data = directory.CreateSubdirectory("data", Mode0777);

        var result = await CheckProbe.RunAsNobodyAsync(directory, "directory", $"Path={data}");

        Assert.Equal("Healthy", result.GetProperty("status").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Fact]
    public async Task Missing_directory_with_Create_is_created_with_the_configured_mode()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var cache = Path.Combine(directory.Path, "cache");

        await using var app = await CheckApp.StartAsync(h => h.AddDirectory("cache-dir", cache, o =>
        {
            o.Create = true;
            o.Mode = "0750";
        }));

        var check = await app.WaitForAsync("cache-dir", "Healthy");
        Assert.Equal(Mode0750, File.GetUnixFileMode(cache));
        Assert.Equal("0750", check.Data().GetProperty("mode").GetString());
    }

    [Fact]
    public async Task World_writable_data_directory_is_Degraded()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var data = directory.CreateSubdirectory("data", Mode0777);

        await using var app = await CheckApp.StartAsync(h => h.AddFilePermissions("data-mode", data, "0750"));

        var check = await app.WaitForAsync("data-mode", "Degraded");
        Assert.Equal("permission", check.Category());
        Assert.Equal("0777", check.Data().GetProperty("mode").GetString());
    }

    [Fact]
    public async Task World_readable_secret_file_is_Degraded_and_a_private_one_Healthy()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var secret = Path.Combine(directory.Path, "secret.key");
        await File.WriteAllTextAsync(secret, "x");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var app = await CheckApp.StartAsync(h => h.AddFilePermissions("secret-mode", secret, "0600"));

        var check = await app.WaitForAsync("secret-mode", "Degraded");
        Assert.Equal("0044", check.Data().GetProperty("excess").GetString());
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await app.WaitForAsync("secret-mode", "Healthy");
    }
}
