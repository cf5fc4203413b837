var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOpsHealth();
builder.Services.AddOpsTelemetry();

var app = builder.Build();

app.MapGet("/", () => "OpsKit sample: see /health/live, /health/ready, /health/startup and /health");
app.MapOpsHealth();
app.MapOpsMetrics();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the sample's tests.</summary>
public partial class Program;
