using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommandCenter.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Tests.Admin;

/// <summary>Disabling an account ends its live sessions: the next API call is refused and the hub connection closes (a real center process, a real SignalR client).</summary>
[Trait("Category", "Process")]
public class SessionEndTests : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-sessions", Guid.NewGuid().ToString("N"));
    private CenterProcess center = null!;

    public async Task InitializeAsync() => center = await CenterProcess.Start(data);

    public async Task DisposeAsync()
    {
        await center.DisposeAsync();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Disabling_an_account_answers_its_next_call_401_and_closes_its_hub_connection()
    {
        var token = await LiveClient.Token(center.Address, "operator1", CenterFactory.DemoPassword);
        await using var live = await LiveClient.Connect(center.Address, token);
        await live.Follow("scope:JY");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        using var desk = new HttpClient { BaseAddress = center.Address };
        desk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await desk.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await center.ClientFor("admin");
        (await admin.PostAsync("/api/admin/accounts/operator1/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await desk.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // The server closes the connection itself; the client does not reconnect on its own.
        var ended = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        ended.Should().BeSameAs(closed.Task, "the hub connection of a disabled account is closed by the server");
        live.Connection.State.Should().Be(HubConnectionState.Disconnected);
        // And it cannot come back with the same token.
        var again = async () => await LiveClient.Connect(center.Address, token);
        await again.Should().ThrowAsync<HttpRequestException>();
    }
}
