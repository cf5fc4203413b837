using System.Text.Json.Serialization;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>Source-generated JSON for the sample's responses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredFile))]
internal sealed partial class FileServiceJsonContext : JsonSerializerContext;
