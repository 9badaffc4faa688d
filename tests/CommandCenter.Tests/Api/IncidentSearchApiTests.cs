using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>
/// 案件查询 on <c>GET /api/incidents</c>: q finds a case by its number, by words of its report or by the caller's phone
/// (digits only); phone, step, light, platform, category, channel and open narrow the list; a bad value is a 400 naming
/// the field and what it may be. Each test's cases carry a word of their own, so other tests' cases never match.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class IncidentSearchApiTests(CenterFactory center)
{
    private sealed record Cases(string Token, string Phone, string Rubbish, string Lamp, string Unlocated);

    /// <summary>Three cases with a word of their own: rubbish with a caller (located), a lamp on patrol (located), a food case without a position.</summary>
    private async Task<Cases> Report(HttpClient client)
    {
        var token = "t" + Guid.NewGuid().ToString("N")[..10];
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var long_ = $"垃圾 {token} " + new string('堆', 200);
        var (lat, lon) = SampleCity.NextPoint();
        var rubbish = await Created(await client.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", lat, lon, description = long_, channel = "hotline", address = $"南街 12号 {token}",
            callerName = "王芳", callerPhone = $"{phone[..3]} {phone[3..7]}-{phone[7..]}",
        }));
        (lat, lon) = SampleCity.NextPoint();
        var lamp = await Created(await client.PostAsJsonAsync("/api/incidents", new { category = "E0402", lat, lon, description = $"水管 {token}", channel = "patrol" }));
        var unlocated = await Created(await client.PostAsJsonAsync("/api/incidents", new { category = "E0601", description = $"{token} 无位置", channel = "hotline" }));
        return new Cases(token, phone, rubbish, lamp, unlocated);
    }

    private static async Task<string> Created(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> Ids(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/incidents?pageSize=500&" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Fact]
    public async Task Q_finds_a_case_by_its_number_by_every_word_and_by_the_callers_phone_digits()
    {
        var client = await center.ClientFor("operator1");
        var cases = await Report(client);

        (await Ids(client, Q(cases.Token))).Should().BeEquivalentTo([cases.Rubbish, cases.Lamp, cases.Unlocated], "all three carry the word");
        (await Ids(client, Q(cases.Rubbish.ToLowerInvariant()))).Should().Equal([cases.Rubbish], "a case number finds its case");
        (await Ids(client, Q($"{cases.Token} 垃圾"))).Should().Equal([cases.Rubbish], "every word must be there");
        (await Ids(client, Q($"南街 {cases.Token.ToUpperInvariant()}"))).Should().Equal([cases.Rubbish], "the address, ignoring case");
        (await Ids(client, Q($"{cases.Phone[..3]} {cases.Phone[3..7]} {cases.Phone[7..]}"))).Should().Equal([cases.Rubbish], "a phone typed with spaces");
        (await Ids(client, Q(cases.Phone[3..]))).Should().Equal([cases.Rubbish], "part of the phone");
    }

    [Fact]
    public async Task Phone_lists_the_callers_cases_by_the_digits_of_the_number()
    {
        var client = await center.ClientFor("operator1");
        var cases = await Report(client);

        (await Ids(client, "phone=" + Uri.EscapeDataString($"{cases.Phone[..3]}-{cases.Phone[3..7]} {cases.Phone[7..]}"))).Should().Equal([cases.Rubbish]);
        (await Ids(client, "phone=" + cases.Phone[..10])).Should().NotContain(cases.Rubbish, "the phone is compared whole, not in part");
    }

    [Fact]
    public async Task Step_light_platform_category_channel_and_open_narrow_the_search()
    {
        var client = await center.ClientFor("operator1");
        var cases = await Report(client);
        var q = Q(cases.Token);

        (await Ids(client, q + "&step=1")).Should().Equal([cases.Unlocated]);
        (await Ids(client, q + "&step=2")).Should().BeEquivalentTo([cases.Rubbish, cases.Lamp]);
        (await Ids(client, q + "&light=green")).Should().HaveCount(3, "every clock has just started");
        (await Ids(client, q + "&light=red")).Should().BeEmpty();
        (await Ids(client, q + "&platform=LawEnforcement")).Should().Equal([cases.Rubbish]);
        (await Ids(client, q + "&platform=" + Uri.EscapeDataString("市场监管"))).Should().Equal([cases.Unlocated]);
        (await Ids(client, q + "&category=E0402")).Should().Equal([cases.Lamp]);
        (await Ids(client, q + "&category=E0402&platform=LawEnforcement")).Should().BeEmpty("both must hold");
        (await Ids(client, q + "&channel=patrol")).Should().Equal([cases.Lamp]);
        (await Ids(client, q + "&open=true")).Should().HaveCount(3);
        (await Ids(client, q + "&open=false")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_listed_case_shows_its_category_name_address_summary_and_caller_newest_first()
    {
        var client = await center.ClientFor("operator1");
        var cases = await Report(client);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/incidents?" + Q(cases.Token));
        var items = list.GetProperty("items").EnumerateArray().ToList();

        items.Select(i => i.GetProperty("id").GetString()).Should().Equal(cases.Unlocated, cases.Lamp, cases.Rubbish);
        var rubbish = items[2];
        rubbish.GetProperty("categoryName").GetString().Should().Be("暴露垃圾");
        rubbish.GetProperty("address").GetString().Should().Be($"南街 12号 {cases.Token}");
        rubbish.GetProperty("summary").GetString().Should().HaveLength(120).And.StartWith($"垃圾 {cases.Token} 堆");
        rubbish.GetProperty("callerName").GetString().Should().Be("王芳");
        rubbish.GetProperty("callerPhone").GetString().Should().Be($"{cases.Phone[..3]} {cases.Phone[3..7]}-{cases.Phone[7..]}");
        items[0].GetProperty("address").ValueKind.Should().Be(JsonValueKind.Null);
        items[0].GetProperty("callerName").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("step=0", "step", "1, 2, 3, 4, 5, 6, 7, 8, 9")]
    [InlineData("step=two", "step", "1, 2, 3, 4, 5, 6, 7, 8, 9")]
    [InlineData("light=blue", "light", "green, yellow, red, none")]
    [InlineData("platform=Mars", "platform", "PublicSafety, LawEnforcement, MarketSupervision, CitizenServices")]
    [InlineData("category=Z9999", "category", "/api/categories")]
    [InlineData("channel=fax", "channel", "worker-app, hotline, open311, patrol, sensor")]
    [InlineData("open=maybe", "open", "true, false")]
    [InlineData("phone=abc", "phone", "digits")]
    [InlineData("q=%20%20", "q", "case number")]
    public async Task A_bad_search_value_is_a_400_naming_the_field_and_what_it_may_be(string query, string field, string allowed)
    {
        var client = await center.ClientFor("operator1");

        var response = await client.GetAsync("/api/incidents?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(allowed);
    }
}
