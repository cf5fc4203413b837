using OpsKit.Sample.Worker;

using var host = WorkerApp.Create(args);
host.Run();
