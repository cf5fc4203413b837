// Every test runs a worker host or process with its own probe ports and OpenTelemetry listens to every meter of a name
// in the process: one test at a time keeps each host's /metrics its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
