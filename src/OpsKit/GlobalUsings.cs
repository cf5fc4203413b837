// The framework namespaces most of this assembly works with. OpsKit's own namespaces stay in each file, where
// tests/OpsKit.Tests/Architecture/CapabilityDependencyTests.cs reads them.
global using System.Diagnostics.Metrics;
global using System.Globalization;
global using Microsoft.AspNetCore.Http;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Diagnostics.HealthChecks;
global using Microsoft.Extensions.Hosting;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
