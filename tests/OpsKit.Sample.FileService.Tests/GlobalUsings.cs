global using OpsKit.Testing;
global using Xunit.Abstractions;
