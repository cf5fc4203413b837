using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpsKit.Rules.Generator;

/// <summary>
/// <c>docs/grafana/opskit-dashboard.json</c>: OpsKit's Prometheus names and the recording rules of
/// <see cref="CoreAlertRules.Recording"/> as panels for health, HTTP traffic, dependencies, resources and runtime of one
/// job/instance. Deterministic output.
/// </summary>
public static class GrafanaDashboard
{
    /// <summary>File name under docs/grafana.</summary>
    public const string FileName = "opskit-dashboard.json";

    private const string Selector = "job=~\"$job\",instance=~\"$instance\"";

    private static readonly Panel[] Panels =
    [
        new("Overall health", "stat", 6, 4, "none", [($"min(opskit_health_status{{{Selector}}})", "overall")], Status: true),
        new("Unhealthy checks", "stat", 6, 4, "none", [($"count(opskit_health_check_status{{{Selector}}} == 0) or vector(0)", "unhealthy")], Thresholds: [(0, "green"), (1, "red")]),
        new("Request rate", "stat", 6, 4, "reqps", [("sum(opskit:http_server_requests:rate5m{job=~\"$job\"})", "req/s")], Thresholds: [(0, "green"), (1000, "yellow"), (5000, "red")]),
        new("Error ratio (5xx)", "stat", 6, 4, "percentunit", [("sum(opskit:http_server_error_ratio:rate5m{job=~\"$job\"})", "5xx")], Thresholds: [(0, "green"), (0.01, "yellow"), (0.05, "red")]),
        new("Health check status", "state-timeline", 24, 8, "none", [($"max by (check) (opskit_health_check_status{{{Selector}}})", "{{check}}")], Status: true),
        new("Health check duration p95", "timeseries", 12, 8, "s", [($"histogram_quantile(0.95, sum by (check, le) (rate(opskit_health_check_duration_seconds_bucket{{{Selector}}}[$__rate_interval])))", "{{check}}")]),
        new("Health check runs by status", "timeseries", 12, 8, "ops", [($"sum by (check, status) (rate(opskit_health_check_executions_total{{{Selector}}}[$__rate_interval]))", "{{check}} {{status}}"), ($"sum by (check) (rate(opskit_health_check_abandoned_total{{{Selector}}}[$__rate_interval]))", "{{check}} abandoned")]),
        new("Requests by status code", "timeseries", 12, 8, "reqps", [($"sum by (http_response_status_code) (rate(http_server_request_duration_seconds_count{{{Selector}}}[$__rate_interval]))", "{{http_response_status_code}}")]),
        new("Request duration p50 / p95 / p99", "timeseries", 12, 8, "s", [
            ($"histogram_quantile(0.5, sum by (le) (rate(http_server_request_duration_seconds_bucket{{{Selector}}}[$__rate_interval])))", "p50"),
            ($"histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{{{Selector}}}[$__rate_interval])))", "p95"),
            ($"histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{{{Selector}}}[$__rate_interval])))", "p99")]),
        new("Request duration heatmap", "heatmap", 12, 8, "s", [($"sum by (le) (increase(http_server_request_duration_seconds_bucket{{{Selector}}}[$__rate_interval]))", "{{le}}")], Heatmap: true),
        new("Outbound requests by status code", "timeseries", 12, 8, "reqps", [($"sum by (server_address, http_response_status_code) (rate(http_client_request_duration_seconds_count{{{Selector}}}[$__rate_interval]))", "{{server_address}} {{http_response_status_code}}")]),
        new("Certificates: days until expiry", "table", 8, 8, "d", [($"min by (certificate) (opskit_certificate_expiry_seconds{{{Selector}}}) / 86400", "{{certificate}}")], Thresholds: [(0, "red"), (7, "yellow"), (30, "green")], Instant: true),
        new("Disk usage", "timeseries", 8, 8, "percentunit", [($"max by (path) (opskit_disk_utilization{{{Selector}}})", "{{path}}")], Thresholds: [(0, "green"), (0.8, "yellow"), (0.9, "red")]),
        new("Memory usage of the limit", "timeseries", 8, 8, "percentunit", [($"max by (instance) (opskit_memory_utilization{{{Selector}}})", "{{instance}}")], Thresholds: [(0, "green"), (0.9, "red")]),
        new("PostgreSQL pool and server connections", "timeseries", 12, 8, "percentunit", [($"max by (instance) (opskit_postgres_pool_utilization{{{Selector}}})", "pool {{instance}}"), ($"max by (database) (opskit_postgres_connections_utilization{{{Selector}}})", "server {{database}}")], Thresholds: [(0, "green"), (0.8, "red")]),
        new("Redis memory of maxmemory", "timeseries", 12, 8, "percentunit", [($"max by (instance) (opskit_redis_memory_utilization{{{Selector}}})", "{{instance}}")], Thresholds: [(0, "green"), (0.9, "red")]),
        new("Circuit state (0 closed, 1 half-open, 2 open)", "state-timeline", 12, 8, "none", [($"max by (pipeline, endpoint) (opskit_resilience_circuit_state{{{Selector}}})", "{{pipeline}}/{{endpoint}}")], Thresholds: [(0, "green"), (1, "yellow"), (2, "red")]),
        new("Cache hit ratio", "timeseries", 12, 8, "percentunit", [($"sum by (cache) (rate(opskit_cache_requests_total{{{Selector},result=\"hit\"}}[$__rate_interval])) / sum by (cache) (rate(opskit_cache_requests_total{{{Selector}}}[$__rate_interval]))", "{{cache}}")]),
        new("GC heap and working set", "timeseries", 12, 8, "bytes", [($"sum(dotnet_gc_last_collection_heap_size_bytes{{{Selector}}})", "GC heap"), ($"sum(dotnet_process_memory_working_set_bytes{{{Selector}}})", "working set")]),
        new("Thread pool", "timeseries", 12, 8, "short", [($"sum(dotnet_thread_pool_thread_count_total{{{Selector}}})", "threads"), ($"sum(dotnet_thread_pool_queue_length_total{{{Selector}}})", "queued work items")]),
    ];

    /// <summary>The dashboard JSON, indented, with a final newline.</summary>
    public static string Json()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("title", "OpsKit service");
            json.WriteString("uid", "opskit-service");
            json.WriteString("description", string.Join(' ', RuleYaml.GeneratedNotice.Select(static l => l.Trim())));
            json.WriteNumber("schemaVersion", 39);
            json.WriteNumber("version", 1);
            json.WriteBoolean("editable", true);
            json.WriteString("refresh", "30s");
            json.WriteStartArray("tags");
            json.WriteStringValue("opskit");
            json.WriteEndArray();
            json.WriteStartObject("time");
            json.WriteString("from", "now-6h");
            json.WriteString("to", "now");
            json.WriteEndObject();
            WriteTemplating(json);
            json.WriteStartArray("panels");
            int x = 0, y = 0, rowHeight = 0;
            for (var i = 0; i < Panels.Length; i++)
            {
                var panel = Panels[i];
                if (x + panel.Width > 24)
                {
                    x = 0;
                    y += rowHeight;
                    rowHeight = 0;
                }

                WritePanel(json, panel, i + 1, x, y);
                x += panel.Width;
                rowHeight = Math.Max(rowHeight, panel.Height);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTemplating(Utf8JsonWriter json)
    {
        json.WriteStartObject("templating");
        json.WriteStartArray("list");
        json.WriteStartObject();
        json.WriteString("name", "datasource");
        json.WriteString("label", "Prometheus");
        json.WriteString("type", "datasource");
        json.WriteString("query", "prometheus");
        json.WriteEndObject();
        WriteQueryVariable(json, "job", "label_values(opskit_health_status, job)");
        WriteQueryVariable(json, "instance", "label_values(opskit_health_status{job=~\"$job\"}, instance)");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteQueryVariable(Utf8JsonWriter json, string name, string query)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", "query");
        WriteDatasource(json);
        json.WriteString("query", query);
        json.WriteNumber("refresh", 2);
        json.WriteBoolean("includeAll", true);
        json.WriteBoolean("multi", true);
        json.WriteString("allValue", ".*");
        json.WriteEndObject();
    }

    private static void WriteDatasource(Utf8JsonWriter json)
    {
        json.WriteStartObject("datasource");
        json.WriteString("type", "prometheus");
        json.WriteString("uid", "${datasource}");
        json.WriteEndObject();
    }

    private static void WritePanel(Utf8JsonWriter json, Panel panel, int id, int x, int y)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteString("type", panel.Type);
        json.WriteString("title", panel.Title);
        WriteDatasource(json);
        json.WriteStartObject("gridPos");
        json.WriteNumber("h", panel.Height);
        json.WriteNumber("w", panel.Width);
        json.WriteNumber("x", x);
        json.WriteNumber("y", y);
        json.WriteEndObject();
        json.WriteStartObject("fieldConfig");
        json.WriteStartObject("defaults");
        json.WriteString("unit", panel.Unit);
        if (panel.Status)
        {
            WriteStatusMappings(json);
        }

        var thresholds = panel.Status ? [(0, "red"), (1, "yellow"), (2, "green")] : panel.Thresholds;
        if (thresholds is not null)
        {
            json.WriteStartObject("thresholds");
            json.WriteString("mode", "absolute");
            json.WriteStartArray("steps");
            for (var i = 0; i < thresholds.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("color", thresholds[i].Color);
                if (i == 0)
                {
                    json.WriteNull("value");
                }
                else
                {
                    json.WriteNumber("value", thresholds[i].Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("color");
            json.WriteString("mode", "thresholds");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("overrides");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("targets");
        for (var i = 0; i < panel.Targets.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("refId", ((char)('A' + i)).ToString());
            WriteDatasource(json);
            json.WriteString("expr", panel.Targets[i].Expression);
            json.WriteString("legendFormat", panel.Targets[i].Legend);
            if (panel.Instant)
            {
                json.WriteBoolean("instant", true);
                json.WriteString("format", "table");
            }

            if (panel.Heatmap)
            {
                json.WriteString("format", "heatmap");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStatusMappings(Utf8JsonWriter json)
    {
        json.WriteStartArray("mappings");
        json.WriteStartObject();
        json.WriteString("type", "value");
        json.WriteStartObject("options");
        foreach (var (value, text, color) in new[] { ("0", "Unhealthy", "red"), ("1", "Degraded", "yellow"), ("2", "Healthy", "green") })
        {
            json.WriteStartObject(value);
            json.WriteString("text", text);
            json.WriteString("color", color);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private sealed record Panel(
        string Title,
        string Type,
        int Width,
        int Height,
        string Unit,
        (string Expression, string Legend)[] Targets,
        bool Status = false,
        (double Value, string Color)[]? Thresholds = null,
        bool Instant = false,
        bool Heatmap = false);
}
