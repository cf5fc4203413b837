// Every sample host's Prometheus exporter listens to every "OpsKit" meter in the process: hosts run one at a time so
// each /metrics shows only its own series.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
