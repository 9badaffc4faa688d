using System.Text.Json;
using CommandCenter.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Tests.Api;

/// <summary>A request that fails because PostgreSQL cannot be reached is a 503 saying so; other database errors stay 500s.</summary>
[Trait("Category", "Unit")]
public class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception, int> Cases => new()
    {
        { "connection refused or timed out", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)), 503 },
        { "wrapped by the caller", new InvalidOperationException("storage write failed", new NpgsqlException("Exception while reading from stream")), 503 },
        { "server shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), 503 },
        { "server starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow), 503 },
        { "a constraint broken: a bug, not an outage", new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), 500 },
        { "anything else", new InvalidOperationException("boom"), 500 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Database_failures_are_told_apart(string why, Exception exception, int expected)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new BadRequestHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<BadRequestHandler>.Instance);
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        (await handler.TryHandleAsync(http, exception, CancellationToken.None)).Should().BeTrue();

        http.Response.StatusCode.Should().Be(expected, why);
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);
        problem.GetProperty("title").GetString().Should().Be(expected == 503 ? "The database is unavailable." : "Something went wrong on our side.");
        if (expected == 503) http.Response.Headers.RetryAfter.ToString().Should().Be("5");
    }
}
