using System.Text.Json.Serialization;
using OpsKit.Analyzers.Field.Building;
using OpsKit.Analyzers.Field.Labels;
using OpsKit.Analyzers.Field.Reporting;

namespace OpsKit.Analyzers.Field;

/// <summary>Source-generated JSON for labels, the restore cache and the report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(LabelFile))]
[JsonSerializable(typeof(RestoreResult))]
[JsonSerializable(typeof(FieldReport))]
internal sealed partial class FieldJsonContext : JsonSerializerContext;
