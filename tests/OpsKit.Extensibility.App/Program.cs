using Contoso.OpsKit.TcpService;

// An app using a third party's check next to a built-in one; checks of type tcp-service come from configuration.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOpsHealth()
    .AddDiskSpace("disk", builder.Environment.ContentRootPath, critical: false)
    .AddTcpServiceCheckType();
builder.Services.AddOpsTelemetry();

var app = builder.Build();
app.MapOpsHealth();
app.MapOpsMetrics();
app.Run();
