// A plain minimal web app that maps no health endpoint. Once the OpsKit analyzers ship OPS0001, building this
// project must report it; tests/OpsKit.Packaging.Tests checks that.
var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapGet("/", () => "OpsKit consumer");

app.Run();
