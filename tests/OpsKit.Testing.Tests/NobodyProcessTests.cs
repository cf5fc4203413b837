namespace OpsKit.Testing.Tests;

public sealed class NobodyProcessTests
{
    private const UnixFileMode Mode0555 =
        UnixFileMode.UserRead | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0777 = Mode0555 | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Fact]
    public async Task Command_runs_as_user_nobody()
    {
        using var directory = await NobodyDirectory.CreateAsync();

        var result = await NobodyProcess.RunAsync(directory.Home, "id", ["-un"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(NobodyProcess.SwitchesUser ? "nobody" : Environment.UserName, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Command_gets_home_set_to_the_given_directory()
    {
        using var directory = await NobodyDirectory.CreateAsync();

        var result = await NobodyProcess.RunAsync(directory.Home, "sh", ["-c", "echo \"$HOME|$DOTNET_CLI_HOME|$EXTRA\"; touch \"$HOME/written\""], environment: new Dictionary<string, string> { ["EXTRA"] = "x" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{directory.Home}|{directory.Home}|x", result.StandardOutput.Trim());
        Assert.True(File.Exists(Path.Combine(directory.Home, "written")));
    }

    [Fact]
    public async Task Nobody_cannot_create_a_file_in_a_0555_directory()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var readOnly = directory.CreateSubdirectory("read-only", Mode0555);

        var result = await NobodyProcess.RunAsync(directory.Home, "touch", [Path.Combine(readOnly, "file")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Permission denied", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(readOnly, "file")));
    }

    [Fact]
    public async Task Nobody_can_create_a_file_in_a_0777_directory()
    {
        using var directory = await NobodyDirectory.CreateAsync();
        var writable = directory.CreateSubdirectory("writable", Mode0777);

        var result = await NobodyProcess.RunAsync(directory.Home, "touch", [Path.Combine(writable, "file")]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(writable, "file")));
    }

    [Fact]
    public async Task Command_that_outlives_its_timeout_is_killed()
    {
        using var directory = await NobodyDirectory.CreateAsync();

        await Assert.ThrowsAsync<TimeoutException>(
            () => NobodyProcess.RunAsync(directory.Home, "sleep", ["30"], TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Disposed_directory_is_removed_with_read_only_subdirectories()
    {
        var directory = await NobodyDirectory.CreateAsync();
        directory.CreateSubdirectory("read-only", Mode0555);

        directory.Dispose();

        Assert.False(Directory.Exists(directory.Path));
    }
}
