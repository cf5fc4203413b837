using OpsKit.Sample.FileService;

var app = FileServiceApp.Create(args);
app.Run();
