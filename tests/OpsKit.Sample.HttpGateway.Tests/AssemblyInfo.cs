// One sample host at a time. Every host's OpenTelemetry exporter listens to every "OpsKit" (and Polly, ASP.NET Core)
// meter in the process, so a second live host registers the same instruments: its series can merge into, or vanish
// with, the other host's when that one is disposed. The scenarios assert /metrics values of their own host, so the
// tests run one after another (about 25 s in all).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
