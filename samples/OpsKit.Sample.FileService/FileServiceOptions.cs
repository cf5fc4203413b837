namespace OpsKit.Sample.FileService;

/// <summary>Settings of the file service (<c>CallFS</c>).</summary>
public sealed class FileServiceOptions
{
    /// <summary>The configuration section: <c>CallFS</c>.</summary>
    public const string SectionName = "CallFS";

    /// <summary>The directory files are stored under; relative paths are relative to the content root.</summary>
    public string StorageRoot { get; set; } = string.Empty;
}
