using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Tests.Hubs;

[Trait("Category", "Process")]
public class LivePushTests(CenterProcessFixture fixture) : IClassFixture<CenterProcessFixture>
{
    private CenterProcess Center => fixture.Center;

    private async Task<LiveClient> Connect(string username, bool messagePack = false) =>
        await LiveClient.Connect(Center.Address, await LiveClient.Token(Center.Address, username, username == "admin" ? CenterFactory.AdminPassword : CenterFactory.DemoPassword), messagePack);

    private async Task<string> Report(HttpClient client, double? latitude = null, double? longitude = null)
    {
        var (lat, lon) = latitude is null ? SampleCity.NextPoint() : (latitude.Value, longitude!.Value);
        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "推送测试", channel = "hotline" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wall_following_the_city_sees_a_new_incident_with_numbered_pushes(bool messagePack)
    {
        await using var wall = await Connect("operator1", messagePack);
        var snapshot = await wall.Follow("scope:JY");
        var operatorApi = await Center.ClientFor("operator1");

        var id = await Report(operatorApi);

        var batch = await wall.WaitFor(b => b.Incidents.Any(i => i.Id == id));
        var delta = batch.Incidents.Single(i => i.Id == id);
        delta.State.Should().Be("gridded");
        delta.GridId.Should().StartWith("JY10");
        delta.DueAt.Should().NotBeNull();
        batch.Channel.Should().Be("scope:JY");
        batch.Epoch.Should().Be(snapshot.Epoch);
        batch.Sequence.Should().BeGreaterThan(snapshot.Sequence);
        batch.Counters!.Open.Should().BeGreaterThan(0);
        var sequences = wall.Received.Where(b => b.Channel == "scope:JY").Select(b => b.Sequence).ToList();
        sequences.Should().Equal(Enumerable.Range((int)snapshot.Sequence + 1, sequences.Count).Select(n => (long)n), "pushes are numbered without gaps");
    }

    [Fact]
    public async Task A_town_scope_sees_its_own_incidents_and_not_another_towns()
    {
        await using var wall = await Connect("supervisor1");
        await wall.Follow("scope:JY01");
        var operatorApi = await Center.ClientFor("operator1");

        var inXuxiake = await Report(operatorApi);
        var inChengjiang = await Report(operatorApi, 31.9017, 120.2824);

        await wall.WaitFor(b => b.Incidents.Any(i => i.Id == inChengjiang));
        wall.Received.SelectMany(b => b.Incidents).Should().NotContain(i => i.Id == inXuxiake);
    }

    [Fact]
    public async Task The_assigned_worker_gets_the_assignment_pushed_to_its_own_channel()
    {
        await using var worker = await Connect("M00040");
        var operatorApi = await Center.ClientFor("operator1");
        var id = await Report(operatorApi);

        (await operatorApi.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00040" })).EnsureSuccessStatusCode();

        var batch = await worker.WaitFor(b => b.Notices.Any(n => n.IncidentId == id));
        batch.Channel.Should().Be("member:M00040");
        var notice = batch.Notices.Single(n => n.IncidentId == id);
        notice.Kind.Should().Be("assignment");
        notice.Incident!.State.Should().Be("dispatched");
    }

    [Fact]
    public async Task A_grid_leader_follows_its_own_grid_live_but_not_the_city_nor_a_members_channel()
    {
        await using var leader = await Connect("M00010"); // 网格长 of JY01-01

        (await leader.Follow("scope:JY01-01")).Channel.Should().Be("scope:JY01-01");
        await leader.Invoking(l => l.Follow("scope:JY")).Should().ThrowAsync<HubException>().WithMessage("*JY01-01*");
        await leader.Invoking(l => l.Follow("member:M00011")).Should().ThrowAsync<HubException>().WithMessage("*only its own*");
    }

    [Fact]
    public async Task A_worker_cannot_follow_another_workers_channel_or_a_scope()
    {
        await using var worker = await Connect("M00041");

        await worker.Invoking(w => w.Follow("member:M00042")).Should().ThrowAsync<HubException>().WithMessage("*only its own*");
        await worker.Invoking(w => w.Follow("scope:JY")).Should().ThrowAsync<HubException>().WithMessage("*command center's staff*");
        (await worker.Follow("member:M00041")).Channel.Should().Be("member:M00041");
    }

    [Fact]
    public async Task A_connection_without_a_token_is_refused()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(Center.Address, "/hubs/center")).Build();

        await connection.Invoking(c => c.StartAsync()).Should().ThrowAsync<HttpRequestException>().Where(e => e.StatusCode == System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_client_that_was_cut_off_resyncs_from_the_snapshot_with_nothing_missed()
    {
        var operatorApi = await Center.ClientFor("operator1");
        var seen = new Dictionary<string, string>();
        long sequence;
        string epoch;
        await using (var wall = await Connect("operator1"))
        {
            var snapshot = await wall.Follow("scope:JY10");
            (epoch, sequence) = (snapshot.Epoch, snapshot.Sequence);
            var first = await Report(operatorApi);
            var batch = await wall.WaitFor(b => b.Incidents.Any(i => i.Id == first));
            sequence = batch.Sequence;
        }

        // While the wall is away, work goes on.
        var missed = await Report(operatorApi);
        (await operatorApi.PostAsJsonAsync($"/api/incidents/{missed}/actions/dispatch", new { memberId = "M00044" })).EnsureSuccessStatusCode();

        await using var again = await Connect("operator1");
        var resync = await again.Follow("scope:JY10");
        resync.Epoch.Should().Be(epoch);
        resync.Sequence.Should().BeGreaterThan(sequence, "the client sees it missed pushes");
        resync.Incidents.Single(i => i.Id == missed).State.Should().Be("dispatched");
        var rest = await Center.ClientFor("operator1");
        var viaHttp = await rest.GetFromJsonAsync<JsonElement>("/api/wall/snapshot?scope=JY10");
        viaHttp.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(missed);
        viaHttp.GetProperty("sequence").GetInt64().Should().BeGreaterThanOrEqualTo(resync.Sequence);
    }

    [Fact]
    public async Task Worker_positions_reach_the_wall_coalesced_into_few_pushes()
    {
        await using var wall = await Connect("operator1");
        await wall.Follow("scope:JY");
        var worker = await Center.ClientFor("M00045");
        var start = DateTimeOffset.UtcNow.AddSeconds(-60);

        for (var i = 0; i < 20; i++)
        {
            var ping = new { lat = 31.80 + i * 0.0001, lon = 120.30, at = start.AddSeconds(i * 2) };
            (await worker.PostAsJsonAsync("/api/members/M00045/locations", new { pings = new[] { ping } })).EnsureSuccessStatusCode();
        }

        var last = await wall.WaitFor(b => b.Positions.Any(p => p.MemberId == "M00045" && Math.Abs(p.Lat - (31.80 + 19 * 0.0001)) < 1e-9));
        last.Positions.Single(p => p.MemberId == "M00045").At.Should().Be(start.AddSeconds(38));
        wall.Received.Count(b => b.Positions.Any(p => p.MemberId == "M00045")).Should().BeLessThan(20, "positions are coalesced, not pushed one per ping");
    }

    [Fact]
    public async Task A_supervision_notice_reaches_the_worker_and_its_receipt_marks_it_delivered()
    {
        await using var worker = await Connect("M00046");
        var operatorApi = await Center.ClientFor("operator1");
        var supervisor = await Center.ClientFor("supervisor1");
        var id = await Report(operatorApi);
        (await operatorApi.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00046" })).EnsureSuccessStatusCode();

        (await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/supervise", new { note = "尽快处理" })).EnsureSuccessStatusCode();

        var batch = await worker.WaitFor(b => b.Notices.Any(n => n.IncidentId == id && n.Kind == "supervision"));
        var notice = batch.Notices.Single(n => n.Kind == "supervision");
        notice.Text.Should().Contain("尽快处理");
        await worker.Connection.InvokeAsync("Acknowledge", id, notice.NoticeSequence);
        var recorded = (await operatorApi.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("notices").EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "supervision");
        recorded.GetProperty("deliveredAt").ValueKind.Should().Be(JsonValueKind.String);
        recorded.GetProperty("readAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_urgent_emergency_is_dispatched_automatically_to_the_best_ranked_member()
    {
        var operatorApi = await Center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var located = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/grids/locate?lat={lat}&lon={lon}");
        var block = located.GetProperty("grid").GetProperty("id").GetString();
        var member = (await operatorApi.GetFromJsonAsync<JsonElement>($"/api/members?grid={block}")).EnumerateArray().First().GetProperty("id").GetString()!;
        var worker = await Center.ClientFor(member);
        (await worker.PutAsJsonAsync($"/api/members/{member}/duty", new { state = "on" })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/members/{member}/locations", new { pings = new[] { new { lat, lon, at = DateTimeOffset.UtcNow } } })).EnsureSuccessStatusCode();

        var created = await operatorApi.PostAsJsonAsync("/api/incidents", new { category = "E0401", lat, lon, description = "路面塌陷", channel = "hotline" });

        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var incident = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/incidents/{body.GetProperty("id").GetString()}");
        incident.GetProperty("state").GetString().Should().Be("dispatched");
        incident.GetProperty("assigneeId").GetString().Should().Be(member);
        incident.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("action").GetString() == "dispatch")
            .GetProperty("actor").GetString().Should().Be("system");
    }
}
