using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class PhotoTests(CenterFactory center)
{
    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static MultipartFormDataContent Form(byte[] bytes, string contentType = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", "result.png" } };
    }

    [Fact]
    public async Task A_worker_resolves_with_a_photo_that_operators_can_see()
    {
        var operatorClient = await center.ClientFor("operator1");
        var worker = await center.ClientFor("M00070");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0101", lat, lon, description = "违章搭建", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00070" })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();

        var upload = await worker.PostAsync("/api/photos", Form(Png));
        upload.StatusCode.Should().Be(HttpStatusCode.Created);
        var photo = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photo").GetString()!;
        photo.Should().MatchRegex("^[a-f0-9]{32}\\.png$");
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已拆除", photos = new[] { photo } })).EnsureSuccessStatusCode();

        var incident = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        var url = incident.GetProperty("photos").EnumerateArray().Single().GetString()!;
        var served = await operatorClient.GetAsync(url);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        served.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(Png);
        File.Exists(Path.Combine(center.DataDirectory, "photos", photo)).Should().BeTrue("photos are stored on disk");
    }

    [Fact]
    public async Task A_supervisor_verifies_with_photos_that_the_timeline_shows_with_the_verification()
    {
        var operatorClient = await center.ClientFor("operator1");
        var worker = await center.ClientFor("M00073");
        var supervisor = await center.ClientFor("supervisor1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0101", lat, lon, description = "违章搭建", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00073" })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已拆除" })).EnsureSuccessStatusCode();
        var photo = (await (await supervisor.PostAsync("/api/photos", Form(Png))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photo").GetString()!;

        var unknown = await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true, photos = new[] { "0123456789abcdef0123456789abcdef.png" } });
        var verified = await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true, photos = new[] { photo } });

        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest, "verify checks its photos as resolve does");
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("photos");
        verified.StatusCode.Should().Be(HttpStatusCode.OK, await verified.Content.ReadAsStringAsync());
        var timeline = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("timeline").EnumerateArray().ToList();
        timeline.Single(e => e.GetProperty("action").GetString() == "verify").GetProperty("photos").EnumerateArray().Select(p => p.GetString())
            .Should().Equal($"/api/photos/{photo}");
        timeline.Single(e => e.GetProperty("action").GetString() == "resolve").GetProperty("photos").EnumerateArray().Should().BeEmpty("the resolution came without photos");
        (await operatorClient.GetAsync($"/api/photos/{photo}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Something_that_is_not_an_image_is_refused_whatever_it_claims()
    {
        var worker = await center.ClientFor("M00071");

        var response = await worker.PostAsync("/api/photos", Form("<script>alert(1)</script>"u8.ToArray()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("JPEG, PNG or WebP");
    }

    [Fact]
    public async Task A_photo_over_five_megabytes_is_refused_and_unknown_names_are_not_served()
    {
        var worker = await center.ClientFor("M00072");
        var big = new byte[6 * 1024 * 1024];
        Png.CopyTo(big, 0);

        var response = await worker.PostAsync("/api/photos", Form(big));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await worker.GetAsync("/api/photos/..%2f..%2fsecrets%2fjwt-signing.key")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await worker.GetAsync("/api/photos/0123456789abcdef0123456789abcdef.png")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await worker.PostAsJsonAsync("/api/incidents/JY-20990101-000001/actions/resolve", new { note = "x", photos = new[] { "nope.png" } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
