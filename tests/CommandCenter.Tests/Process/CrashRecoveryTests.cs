using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Process;

[Trait("Category", "Process")]
public class CrashRecoveryTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-crash", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_duty_change_and_a_location_batch_survive_kill_minus_nine()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var first = await CenterProcess.Start(data))
        {
            var worker = await first.ClientFor("M00010");
            (await worker.PutAsJsonAsync("/api/members/M00010/duty", new { state = "busy" })).StatusCode.Should().Be(HttpStatusCode.OK);
            var pings = await worker.PostAsJsonAsync("/api/members/M00010/locations", new
            {
                pings = new[]
                {
                    new { lat = 31.8000, lon = 120.3000, at = now.AddSeconds(-40) },
                    new { lat = 31.8005, lon = 120.3004, at = now.AddSeconds(-20) },
                },
            });
            pings.StatusCode.Should().Be(HttpStatusCode.OK);
            first.Kill();
        }

        await using var second = await CenterProcess.Start(data);
        var again = await second.ClientFor("M00010");
        var member = await again.GetFromJsonAsync<JsonElement>("/api/members/M00010");
        member.GetProperty("duty").GetString().Should().Be("busy");
        member.GetProperty("lastLocation").GetProperty("lat").GetDouble().Should().BeApproximately(31.8005, 1e-9);
        var track = await again.GetFromJsonAsync<JsonElement>("/api/members/M00010/track");
        track.GetProperty("points").GetArrayLength().Should().Be(2);
        second.Output.Should().NotContain("Sample city", "the sample city is loaded once, not again after a crash");
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
