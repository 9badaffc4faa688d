using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Hubs;

/// <summary>One real center process (Kestrel, real sockets) shared by the hub tests.</summary>
public sealed class CenterProcessFixture : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-hubs", Guid.NewGuid().ToString("N"));
    public CenterProcess Center { get; private set; } = null!;

    public async Task InitializeAsync() => Center = await CenterProcess.Start(data);

    public async Task DisposeAsync()
    {
        await Center.DisposeAsync();
        try { Directory.Delete(data, true); } catch (IOException) { }
    }
}
