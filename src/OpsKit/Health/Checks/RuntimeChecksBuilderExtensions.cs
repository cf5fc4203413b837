#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Adds OpsKit's process runtime checks: memory, CPU, file descriptors and thread-pool starvation.
/// </summary>
public static partial class RuntimeChecksBuilderExtensions
{
}
