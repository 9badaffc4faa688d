using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class MemberApiTests(CenterFactory center)
{
    [Fact]
    public async Task A_member_shows_role_grid_duty_and_last_location()
    {
        var client = await center.ClientFor("operator1");

        var member = await client.GetFromJsonAsync<JsonElement>("/api/members/M00001");

        member.GetProperty("id").GetString().Should().Be("M00001");
        member.GetProperty("name").GetString().Should().NotBeNullOrEmpty();
        member.GetProperty("role").GetString().Should().NotBeNullOrEmpty();
        member.GetProperty("gridId").GetString().Should().StartWith("JY");
        member.GetProperty("duty").GetString().Should().BeOneOf("on", "off", "busy");
    }

    [Fact]
    public async Task Members_of_a_town_are_listed_from_its_whole_subtree()
    {
        var client = await center.ClientFor("supervisor1");

        var members = (await client.GetFromJsonAsync<JsonElement>("/api/members?grid=JY10")).EnumerateArray().ToList();

        members.Should().HaveCountGreaterThan(50);
        members.Should().OnlyContain(m => m.GetProperty("gridId").GetString()!.StartsWith("JY10"));
        members.Select(m => m.GetProperty("role").GetString()).Should().Contain(["GridLeader", "GridWorker", "Supervisor", "Patroller", "Informant", "Liaison"]);
    }

    [Fact]
    public async Task A_worker_changes_its_duty_and_sends_pings_and_sees_its_track()
    {
        var worker = await center.ClientFor("M00002");
        var now = DateTimeOffset.UtcNow;

        var duty = await worker.PutAsJsonAsync("/api/members/M00002/duty", new { state = "on" });
        duty.StatusCode.Should().Be(HttpStatusCode.OK);
        (await duty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duty").GetString().Should().Be("on");

        var pings = await worker.PostAsJsonAsync("/api/members/M00002/locations", new
        {
            pings = new object[]
            {
                new { lat = 31.9010, lon = 120.2800, at = now.AddMinutes(-2) },
                new { lat = 31.9020, lon = 120.2810, at = now.AddMinutes(-1) },
                new { lat = 95.0, lon = 120.2810, at = now.AddSeconds(-50) },
                new { lat = 31.9030, lon = 120.2820, at = now.AddHours(2) },
                new { lat = 31.9030 },
            },
        });
        pings.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await pings.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("kept").GetInt32().Should().Be(2);
        report.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()).Should().Equal(2, 3, 4);
        report.GetProperty("refused").EnumerateArray().Should().OnlyContain(r => r.GetProperty("reason").GetString()!.Length > 10);

        var member = await worker.GetFromJsonAsync<JsonElement>("/api/members/M00002");
        member.GetProperty("lastLocation").GetProperty("lat").GetDouble().Should().BeApproximately(31.9020, 1e-9);

        var track = await worker.GetFromJsonAsync<JsonElement>($"/api/members/M00002/track?from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}");
        track.GetProperty("points").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task A_worker_cannot_read_another_members_track_or_record()
    {
        var worker = await center.ClientFor("M00003");

        (await worker.GetAsync("/api/members/M00004/track")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await worker.GetAsync("/api/members/M00004")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await worker.PutAsJsonAsync("/api/members/M00004/duty", new { state = "off" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await worker.GetAsync("/api/members")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await worker.GetAsync("/api/members/M00003/track")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_duty_state_is_a_400_naming_the_allowed_ones()
    {
        var client = await center.ClientFor("operator1");

        var response = await client.PutAsJsonAsync("/api/members/M00005/duty", new { state = "asleep" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("state").And.Contain("busy");
    }

    [Fact]
    public async Task An_unknown_member_is_a_404()
    {
        var client = await center.ClientFor("operator1");

        (await client.GetAsync("/api/members/M99999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PutAsJsonAsync("/api/members/M99999/duty", new { state = "on" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_or_oversized_ping_batch_is_a_400()
    {
        var worker = await center.ClientFor("M00006");

        (await worker.PostAsJsonAsync("/api/members/M00006/locations", new { pings = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var many = Enumerable.Range(0, 1_001).Select(i => new { lat = 31.9, lon = 120.28, at = DateTimeOffset.UtcNow }).ToArray();
        (await worker.PostAsJsonAsync("/api/members/M00006/locations", new { pings = many })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_track_window_with_from_after_to_is_a_400()
    {
        var client = await center.ClientFor("operator1");

        var response = await client.GetAsync("/api/members/M00001/track?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_track_window_may_be_as_long_as_a_replay_window_and_no_longer()
    {
        var client = await center.ClientFor("supervisor1");

        (await client.GetAsync("/api/members/M00001/track?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z")).StatusCode.Should().Be(HttpStatusCode.OK);
        var tooLong = await client.GetAsync("/api/members/M00001/track?from=2026-10-01T00:00:00Z&to=2026-11-30T00:00:00Z");
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).Should().Contain("31 days");
    }
}
