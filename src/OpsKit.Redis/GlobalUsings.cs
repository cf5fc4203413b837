// The framework namespaces most of this assembly works with; OpsKit's and the client library's namespaces stay in each file.
global using System.Globalization;
global using Microsoft.Extensions.Diagnostics.HealthChecks;
global using Microsoft.Extensions.Options;
