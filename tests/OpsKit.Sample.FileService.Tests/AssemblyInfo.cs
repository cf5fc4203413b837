// One sample host at a time: the scenarios assert /metrics, and an OpenTelemetry exporter reports every live "OpsKit"
// meter in the process, so a second host running in parallel would add its own series to the scrape.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
