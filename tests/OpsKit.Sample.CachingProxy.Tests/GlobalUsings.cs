global using System.Net;
global using System.Text.Json;
global using OpsKit.Testing;
global using Xunit.Abstractions;
