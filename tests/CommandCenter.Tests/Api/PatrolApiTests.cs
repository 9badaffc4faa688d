using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>
/// GET /api/members/{id}/patrol: a worker's walk of known length, sent through POST /api/members/{id}/locations the way
/// the phone sends it (a GPS jump and a ten-minute stop included), comes back as 巡查里程 and 巡查时长 within 1 % of the
/// truth; the same reach as the member's track; bad days are a 400 naming the field.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class PatrolApiTests(CenterFactory center)
{
    private const string Walker = "M00300";
    private const double MetresPerDegree = 6_371_008.8 * Math.PI / 180;
    private static readonly TimeZoneInfo City = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string CityDay(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, City).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_walk_of_known_length_sent_as_pings_is_summarised_within_one_percent()
    {
        var worker = await center.ClientFor(Walker);
        var (pings, trueMetres, trueSeconds) = Walk(DateTimeOffset.UtcNow.AddMinutes(-1));

        var sent = await worker.PostAsJsonAsync($"/api/members/{Walker}/locations", new { pings });
        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kept").GetInt32().Should().Be(pings.Count);

        // The walk may cross the city's midnight: ask for both days and add them up.
        var first = CityDay(pings[0].At);
        var last = CityDay(pings[^1].At);
        var range = await worker.GetFromJsonAsync<JsonElement>($"/api/members/{Walker}/patrol?from={first}&to={last}");

        range.GetProperty("distanceMetres").GetDouble().Should().BeApproximately(trueMetres, trueMetres * 0.01);
        range.GetProperty("patrolSeconds").GetDouble().Should().BeApproximately(trueSeconds, trueSeconds * 0.01);
        var days = range.GetProperty("days").EnumerateArray().ToList();
        days.Sum(d => d.GetProperty("fixesDropped").GetInt32()).Should().Be(1, "the GPS jump");
        days.Sum(d => d.GetProperty("fixesKept").GetInt32()).Should().Be(pings.Count - 1);
        days.SelectMany(d => d.GetProperty("gridsCovered").EnumerateArray().Select(g => g.GetString())).Should().Contain(g => g!.StartsWith("JY01"));

        var today = await worker.GetFromJsonAsync<JsonElement>($"/api/members/{Walker}/patrol");
        today.GetProperty("date").GetString().Should().Be(CityDay(DateTimeOffset.UtcNow), "the default is today in the city's zone");
        today.GetProperty("memberId").GetString().Should().Be(Walker);
        if (first == last) today.GetProperty("distanceMetres").GetDouble().Should().Be(range.GetProperty("distanceMetres").GetDouble());
    }

    [Fact]
    public async Task The_patrol_has_the_reach_of_the_members_track()
    {
        var other = await center.ClientFor("M00301");
        (await other.GetAsync($"/api/members/{Walker}/patrol")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var townDesk = await center.ClientFor("operator-jy10");
        var refused = await townDesk.GetAsync("/api/members/M00001/patrol");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("gridScope").GetString().Should().Be("JY10");
        var own = (await townDesk.GetFromJsonAsync<JsonElement>("/api/members?grid=JY10")).EnumerateArray().First().GetProperty("id").GetString();
        (await townDesk.GetAsync($"/api/members/{own}/patrol")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await (await center.ClientFor("supervisor1")).GetAsync($"/api/members/{Walker}/patrol?date=2026-11-24")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await center.CreateClient().GetAsync($"/api/members/{Walker}/patrol")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await center.ClientFor("supervisor1")).GetAsync("/api/members/M99999/patrol")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("date=2026-13-01", "date")]
    [InlineData("date=yesterday", "date")]
    [InlineData("date=2026-11-24&from=2026-11-01&to=2026-11-30", "date")]
    [InlineData("from=2026-11-01", "to")]
    [InlineData("to=2026-11-01", "from")]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("from=2026-01-01&to=2026-06-30", "to")]
    [InlineData("from=1969-12-31&to=1970-01-02", "from")]
    public async Task A_bad_day_or_range_is_a_400_naming_the_field(string query, string field)
    {
        var supervisor = await center.ClientFor("supervisor1");

        var answer = await supervisor.GetAsync($"/api/members/{Walker}/patrol?{query}");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(query);
    }

    [Fact]
    public async Task A_quarter_of_days_is_one_answer_with_every_day()
    {
        var supervisor = await center.ClientFor("supervisor1");

        var range = await supervisor.GetFromJsonAsync<JsonElement>($"/api/members/{Walker}/patrol?from=2026-07-01&to=2026-09-30");

        range.GetProperty("days").GetArrayLength().Should().Be(92);
        range.GetProperty("days")[0].GetProperty("date").GetString().Should().Be("2026-07-01");
        range.GetProperty("days")[0].GetProperty("from").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero));
    }

    /// <summary>
    /// A walk ending at <paramref name="end"/>: 1,500 m east, a 10-minute stop with the phone jittering a few metres,
    /// 1,500 m north, with one fix 150 m off the route (a GPS jump slow enough for the ping check, too fast for a walker).
    /// </summary>
    private static (List<Ping> Pings, double Metres, double Seconds) Walk(DateTimeOffset end)
    {
        const double pace = 1.4, lat0 = 31.9017, lon0 = 120.2824;
        var legSeconds = 1_500 / pace;
        var start = end - TimeSpan.FromSeconds(2 * legSeconds + 600);
        var random = new Random(5);
        var pings = new List<Ping>();
        void At(double east, double north, DateTimeOffset at) => pings.Add(new Ping(
            Math.Round(lat0 + north / MetresPerDegree, 7), Math.Round(lon0 + east / (MetresPerDegree * Math.Cos(lat0 * Math.PI / 180)), 7), at));

        for (var s = 0.0; s < legSeconds; s += 10) At(s * pace, 0, start.AddSeconds(s));
        At(750, 150, start.AddSeconds(540 + 5));                      // the jump, between two fixes of the first leg
        var stopFrom = start.AddSeconds(legSeconds);
        for (var s = 0; s <= 600; s += 10) At(1_500 + 3 * Gaussian(random), 3 * Gaussian(random), stopFrom.AddSeconds(s));
        var leaveAt = stopFrom.AddSeconds(600);
        for (var s = 10.0; s < legSeconds; s += 10) At(1_500, s * pace, leaveAt.AddSeconds(s));
        At(1_500, 1_500, leaveAt.AddSeconds(legSeconds));
        pings.Sort((a, b) => a.At.CompareTo(b.At));
        return (pings, 3_000, 2 * legSeconds);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed record Ping(double Lat, double Lon, DateTimeOffset At);
}
