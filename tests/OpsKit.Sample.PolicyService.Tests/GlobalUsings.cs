global using OpsKit.Testing;
