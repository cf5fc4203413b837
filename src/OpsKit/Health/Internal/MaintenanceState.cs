namespace OpsKit.Health.Internal;

/// <summary>
/// Maintenance mode: on while the configured file exists (polled every second) or while switched on through the
/// authorized endpoint.
/// </summary>
internal sealed class MaintenanceState(IOptionsMonitor<OpsHealthOptions> options, ILogger<MaintenanceState> logger)
{
    private volatile bool _byFile;
    private volatile bool _byRequest;

    public bool IsActive => _byFile || _byRequest;

    /// <summary>Raised after maintenance is switched on or off by either source.</summary>
    public event Action? Changed;

    public void SetByRequest(bool on)
    {
        if (_byRequest == on)
        {
            return;
        }

        _byRequest = on;
        Switched(on, "request");
    }

    /// <summary>Polls the maintenance file; called by the runner's timer.</summary>
    public void PollFile()
    {
        var path = options.CurrentValue.MaintenanceFile;
        var exists = !string.IsNullOrEmpty(path) && File.Exists(path);
        if (exists == _byFile)
        {
            return;
        }

        _byFile = exists;
        Switched(exists, "file");
    }

    private void Switched(bool on, string source)
    {
        if (on)
        {
            Log.MaintenanceOn(logger, "on", source);
        }
        else
        {
            Log.MaintenanceOff(logger, source);
        }

        Changed?.Invoke();
    }
}
