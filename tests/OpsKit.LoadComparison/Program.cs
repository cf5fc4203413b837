using OpsKit.LoadComparison;

// `--variant <name>`: host one app variant (the driver starts these as child processes).
// Otherwise: run the whole comparison (PostgreSQL, Redis, upstream stub, app processes, wrk) and write the results.
var variantIndex = Array.IndexOf(args, "--variant");
if (variantIndex >= 0 && variantIndex + 1 < args.Length)
{
    return await LoadApps.RunAsync(args[variantIndex + 1], args);
}

return await Driver.RunAsync(DriverSettings.FromEnvironment(args));
