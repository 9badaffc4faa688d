using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Process;

/// <summary>
/// The standard ways of choosing the port each move it: the default (127.0.0.1:5080) never outranks them.
/// CenterProcess waits for /health on the address it chose, so a start that listened elsewhere fails.
/// </summary>
[Trait("Category", "Process")]
public class ListenAddressTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-listen", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(CenterProcess.AddressGiven.AspNetCoreUrlsVariable)]
    [InlineData(CenterProcess.AddressGiven.UrlsArgument)]
    [InlineData(CenterProcess.AddressGiven.UrlsSetting)]
    public async Task The_center_listens_where_it_is_told(CenterProcess.AddressGiven given)
    {
        await using var center = await CenterProcess.Start(data, given);

        (await center.Http.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue();
        center.Address.Port.Should().NotBe(5080);
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
