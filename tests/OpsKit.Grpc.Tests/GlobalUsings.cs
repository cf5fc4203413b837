global using OpsKit.Testing;
global using OpsKit.Tests;
