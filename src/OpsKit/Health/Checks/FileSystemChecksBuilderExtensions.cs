#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Adds OpsKit's file system checks: disk space, directories, permissions, freshness and certificate files.
/// Each can also be declared in configuration only, by its <c>Type</c>; configuration values override code.
/// </summary>
public static partial class FileSystemChecksBuilderExtensions
{
}
