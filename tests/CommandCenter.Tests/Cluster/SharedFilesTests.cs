using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Cluster;

/// <summary>Two nodes of one cluster on a private Redis, their files in one folder both mount (Storage:SharedDirectory).</summary>
public sealed class SharedFilesFixture : IAsyncLifetime
{
    public string SharedDirectory { get; } = Path.Combine(Path.GetTempPath(), "cc-shared", Guid.NewGuid().ToString("N"));
    public RedisServer Redis { get; private set; } = null!;
    public CenterProcess A { get; private set; } = null!;
    public CenterProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.Start();
        var nodes = await Task.WhenAll(
            RedisNodes.Start(Redis, $"--Storage:SharedDirectory={SharedDirectory}"),
            RedisNodes.Start(Redis, $"--Storage:SharedDirectory={SharedDirectory}"));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        try { Directory.Delete(SharedDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Behind a load balancer: a phone's upload whose chunks reach both nodes is one photo both serve; a report written by one is served by the other.</summary>
[Trait("Category", "Cluster")]
[Collection(RedisClusterCollection.Name)]
public class SharedFilesTests(SharedFilesFixture cluster) : IClassFixture<SharedFilesFixture>
{
    private static readonly byte[] Photo =
    [
        .. Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
        .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 13)),
    ];

    private static Task<HttpResponseMessage> Send(HttpClient client, string id, long offset, byte[] chunk)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/photos/uploads/{id}") { Content = new ByteArrayContent(chunk) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Upload-Offset", offset.ToString());
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_photo_whose_chunks_go_to_both_nodes_is_one_photo_that_both_serve()
    {
        HttpClient[] nodes = [await cluster.A.ClientFor("M00078"), await cluster.B.ClientFor("M00078")];
        var id = Guid.NewGuid().ToString("N");
        (await nodes[0].PostAsJsonAsync("/api/photos/uploads", new { id, size = Photo.Length, lat = 31.9, lon = 120.28 })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await nodes[1].GetFromJsonAsync<JsonElement>($"/api/photos/uploads/{id}")).GetProperty("received").GetInt64().Should().Be(0, "the other node knows the upload");

        JsonElement state = default;
        for (var (offset, i) = (0, 0); offset < Photo.Length; offset += 1000, i++)
        {
            var response = await Send(nodes[i % 2], id, offset, Photo[offset..Math.Min(Photo.Length, offset + 1000)]);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            state = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        // The last chunk sent again, through the other node, as a phone that lost the answer would.
        var again = await Send(nodes[1], id, Photo.Length - Photo.Length % 1000, Photo[^(Photo.Length % 1000)..]);

        var photo = state.GetProperty("photo").GetString()!;
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photo").GetString().Should().Be(photo);
        (await nodes[0].GetByteArrayAsync($"/api/photos/{photo}")).Should().Equal(Photo);
        (await nodes[1].GetByteArrayAsync($"/api/photos/{photo}")).Should().Equal(Photo);
        (await nodes[1].GetFromJsonAsync<JsonElement>($"/api/photos/{photo}/facts")).GetProperty("lat").GetDouble().Should().Be(31.9);
        Directory.GetFiles(Path.Combine(cluster.SharedDirectory, "photos")).Count(f => f.EndsWith(".png")).Should().Be(1, "one photo, in the shared folder");
    }

    [Fact]
    public async Task A_daily_report_written_by_one_node_is_served_by_the_other()
    {
        var run = await (await cluster.A.ClientFor("admin")).PostAsync("/api/jobs/daily-report/run", null);
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var location = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("location").GetString()!;

        var onB = await cluster.B.ClientFor("operator1");
        (await onB.GetFromJsonAsync<string[]>(location)).Should().Contain(["JY10.csv", "JY10.json"]);
        (await onB.GetAsync($"{location}/JY10.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
