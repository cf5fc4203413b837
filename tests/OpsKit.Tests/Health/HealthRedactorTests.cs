using Microsoft.Extensions.Configuration;
using OpsKit.Hosting.Internal;

namespace OpsKit.Tests.Health;

public sealed class HealthRedactorTests
{
    private readonly HealthRedactor _redactor = new();

    [Theory]
    [InlineData("Host=db;Username=app;Password=Xq7-secret-9f;Database=x", "Host=db;Username=***;Password=***;Database=x")]
    [InlineData("Server=db;User ID=corpus_user_5518;Pwd=Xq7-secret-9f", "Server=db;User ID=***;Pwd=***")]
    [InlineData("postgres: Host=db;Username=postgres;Database=app", "postgres: Host=db;Username=***;Database=app")]
    [InlineData("pwd = 'hunter22' and more", "pwd = *** and more")]
    [InlineData("GET https://user:Zr4-secret-2k@host/path failed", "GET https://***@host/path failed")]
    [InlineData("redis://:s3cr3t-pass@cache:6379", "redis://***@cache:6379")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Authorization: Bearer ***")]
    [InlineData("api_key=abcd1234&x=1", "api_key=***&x=1")]
    [InlineData("connection refused (127.0.0.1:5432)", "connection refused (127.0.0.1:5432)")]
    public void Secrets_in_free_text_are_masked(string input, string expected)
    {
        Assert.Equal(expected, _redactor.Redact(input));
    }

    [Fact]
    public void A_secret_found_once_is_masked_everywhere_in_the_text()
    {
        Assert.Equal("Password=***; retrying with ***", _redactor.Redact("Password=Q9-long-pass; retrying with Q9-long-pass"));
    }

    [Fact]
    public void Values_of_secret_configuration_keys_and_connection_string_passwords_are_masked()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = "sign-9911-key",
            ["ConnectionStrings:postgres"] = "Host=db;Password=Pg-77-pass",
            ["Gateway:Url"] = "https://svc:Url-pass-44@gw.internal/",
            ["Logging:LogLevel:Default"] = "Information",
        }).Build();
        var redactor = new HealthRedactor(configuration);

        Assert.Equal("failed: *** / *** / *** / Information", redactor.Redact("failed: sign-9911-key / Pg-77-pass / Url-pass-44 / Information"));
    }

    [Fact]
    public void The_shell_working_directory_variables_are_not_secrets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PWD"] = "/srv/app",
            ["OLDPWD"] = "/home/app",
            ["Db:Pwd"] = "Pg-88-pass",
        }).Build();
        var redactor = new HealthRedactor(configuration);

        Assert.Equal("/srv/app/data and /home/app, ***", redactor.Redact("/srv/app/data and /home/app, Pg-88-pass"));
    }
}
