using OpsKit.Sample.HttpGateway;

var app = HttpGatewayApp.Create(args);
app.Run();
