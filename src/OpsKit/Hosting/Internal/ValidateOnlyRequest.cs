namespace OpsKit.Hosting.Internal;

/// <summary>Whether this process runs in validate-only mode, and where the report goes.</summary>
internal sealed class ValidateOnlyRequest(bool enabled, TextWriter? output = null)
{
    public bool Enabled { get; } = enabled;

    public TextWriter Output { get; } = output ?? Console.Out;
}
