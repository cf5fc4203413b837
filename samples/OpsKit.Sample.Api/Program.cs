var builder = WebApplication.CreateBuilder(args);

// Only what exists on any machine: a data directory and the disk under the content root, and process memory.
var dataDirectory = Path.Combine(builder.Environment.ContentRootPath, "data");
builder.Services.AddOpsHealth()
    .AddDirectory("data", dataDirectory, o => o.Create = true)
    .AddDiskSpace("disk", builder.Environment.ContentRootPath, critical: false)
    .AddProcessMemory();

var app = builder.Build();

app.MapGet("/", () => "OpsKit sample: see /health/live, /health/ready, /health/startup and /health");
app.MapOpsHealth();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the sample's tests.</summary>
public partial class Program;
