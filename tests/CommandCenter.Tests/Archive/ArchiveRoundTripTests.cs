using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace CommandCenter.Tests.Archive;

/// <summary>归档入云: filed incidents leave the hot store for sealed daily files and stay readable; a changed byte is caught.</summary>
[Trait("Category", "InProcess")]
public class ArchiveRoundTripTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-archive", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Archived_incidents_leave_the_hot_store_and_still_replay_list_and_verify()
    {
        using var center = new CenterFactory(data);
        var loop = await Loop.For(center);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var filed = new[] { await loop.Filed(), await loop.Filed("M00021", satisfaction: 3) };
        var open = await loop.Report("still open");
        var admin = await center.ClientFor("admin");
        var supervisor = await center.ClientFor("supervisor1");

        var run = await admin.PostAsync("/api/jobs/archive/run", null);

        run.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        result.GetProperty("archived").GetInt32().Should().Be(2);
        result.GetProperty("sealed").GetInt32().Should().Be(2);
        HotEvents(filed).Should().Be(0, "sealed incidents leave the hot store");
        HotEvents([open]).Should().BeGreaterThan(0, "open work stays hot");

        // The day's file and its checksum in the manifest.
        var file = Path.Combine(data, "archive", result.GetProperty("file").GetString()!);
        file.Should().MatchRegex(@"\d{4}-\d{2}-\d{2}\.ndjson\.gz$");
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "archive", "manifest.json"))).RootElement;
        manifest.GetProperty("files").GetProperty(Path.GetFileName(file)).GetProperty("sha256").GetString()
            .Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
        Lines(file).Should().HaveCount(2).And.OnlyContain(l => l.Contains("\"Archive\""));

        // Forget every activation: what follows is read back from the archive.
        await center.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var events = await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{filed[0]}/events");
        events.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().EndWith(["Evaluate", "Assess", "File", "Archive"]);
        (await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{filed[1]}")).GetProperty("state").GetString().Should().Be("archived");
        var now = Instants.Query(DateTimeOffset.UtcNow.AddSeconds(1));
        (await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{filed[1]}/state?at={now}")).GetProperty("satisfaction").GetInt32().Should().Be(3);
        var listed = await supervisor.GetFromJsonAsync<JsonElement>("/api/incidents?state=archived");
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().BeEquivalentTo(filed);

        var replay = await supervisor.GetStringAsync($"/api/replay?from={Instants.Query(start)}&to={now}");
        var replayed = replay.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("kind").GetString() == "event").ToList();
        replayed.Select(e => e.GetProperty("incidentId").GetString()).Distinct().Should().BeEquivalentTo([.. filed, open]);
        replayed.Select(e => e.GetProperty("at").GetDateTimeOffset()).Should().BeInAscendingOrder();
        replayed.Count(e => e.GetProperty("action").GetString() == "Archive").Should().Be(2);

        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/archive/verify");
        verify.GetProperty("intact").GetBoolean().Should().BeTrue();

        // A second run finds nothing more to do.
        var again = (await (await admin.PostAsync("/api/jobs/archive/run", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        again.GetProperty("archived").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_tampered_archive_file_is_detected_by_verify_and_at_read_time()
    {
        using var center = new CenterFactory(data);
        var loop = await Loop.For(center);
        var id = await loop.Filed();
        var admin = await center.ClientFor("admin");
        var run = (await (await admin.PostAsync("/api/jobs/archive/run", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        var file = Path.Combine(data, "archive", run.GetProperty("file").GetString()!);

        // Someone rewrites a note in the sealed record and re-compresses the file: still valid gzip, still valid JSON.
        var lines = Lines(file).Select(l => l.Replace("已处理", "未处理")).ToList();
        using (var output = new GZipStream(File.Create(file), CompressionLevel.Optimal))
            output.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/archive/verify");
        verify.GetProperty("intact").GetBoolean().Should().BeFalse();
        var check = verify.GetProperty("files").EnumerateArray().Single();
        check.GetProperty("intact").GetBoolean().Should().BeFalse();
        check.GetProperty("problem").GetString().Should().Contain(Path.GetFileName(file)).And.Contain("changed since it was sealed");

        var read = await admin.GetAsync($"/api/incidents/{id}/state?at={Instants.Query(DateTimeOffset.UtcNow)}");
        read.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await read.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("The archive is damaged.");
        problem.GetProperty("detail").GetString().Should().Contain(Path.GetFileName(file));
    }

    [Fact]
    public async Task Only_admins_archive_and_verify()
    {
        using var center = new CenterFactory(data);
        var supervisor = await center.ClientFor("supervisor1");

        (await supervisor.PostAsync("/api/jobs/archive/run", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync("/api/archive/verify")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await center.CreateClient().GetAsync("/api/archive/verify")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private long HotEvents(IEnumerable<string> ids)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "command-center.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var command = connection.CreateCommand();
        var list = ids.ToList();
        command.CommandText = $"SELECT COUNT(*) FROM incident_events WHERE incident_id IN ({string.Join(",", list.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < list.Count; i++) command.Parameters.AddWithValue("$p" + i, list[i]);
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> Lines(string gz)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress), Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
