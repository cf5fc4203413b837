global using System.Net;
global using OpsKit.Testing;
global using Xunit.Abstractions;
