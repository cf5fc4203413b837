using OpsKit.Sample.ApiFront;

var app = ApiFrontApp.Create(args);
app.Run();
