// Every test runs a sample host in this process, and OpenTelemetry's exporters listen to every meter of a name in the
// process: hosts running side by side would see each other's series. One test at a time keeps /metrics per host
// (and keeps the memory scenario's working-set measurements clean).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
