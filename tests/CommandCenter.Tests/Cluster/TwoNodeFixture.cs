using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Cluster;

/// <summary>Two nodes of one cluster on a private Redis, shared by tests that lose nothing.</summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public CenterProcess A { get; private set; } = null!;
    public CenterProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.Start();
        // Started together, as an operator would: one loads the sample city, the other waits for it.
        var nodes = await Task.WhenAll(RedisNodes.Start(Redis), RedisNodes.Start(Redis));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
