using OpsKit.Sample.CachingProxy;

var app = CachingProxyApp.Create(args);
app.Run();
