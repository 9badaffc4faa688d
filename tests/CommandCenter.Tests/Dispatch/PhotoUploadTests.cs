using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

/// <summary>A phone on a flaky network uploads a photo in chunks, resumes where the server says, and never makes two photos of one.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class PhotoUploadTests(CenterFactory center)
{
    // A one-pixel PNG followed by bytes of no meaning: an image by its content, big enough to send in three chunks.
    private static readonly byte[] Photo =
    [
        .. Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
        .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)),
    ];

    private static readonly DateTimeOffset TakenAt = new(2026, 11, 24, 1, 30, 0, TimeSpan.Zero);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static Task<HttpResponseMessage> Start(HttpClient client, string id, long size, object? facts = null) =>
        client.PostAsJsonAsync("/api/photos/uploads", facts ?? new { id, size, takenAt = TakenAt, lat = 31.9, lon = 120.28 });

    private static Task<HttpResponseMessage> Send(HttpClient client, string id, long offset, byte[] chunk, string type = "application/offset+octet-stream")
    {
        var content = new ByteArrayContent(chunk);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/photos/uploads/{id}") { Content = content };
        request.Headers.Add("Upload-Offset", offset.ToString());
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task ShouldName(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        (await Json(response)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the problem names {field}");
    }

    private string PhotosFolder => Path.Combine(center.DataDirectory, "photos");

    private int StoredPhotos() => Directory.Exists(PhotosFolder) ? Directory.GetFiles(PhotosFolder).Count(f => !f.EndsWith(".json")) : 0;

    [Fact]
    public async Task The_settings_tell_a_phone_how_to_prepare_photos_and_the_limits_it_will_meet()
    {
        var phone = await center.ClientFor("M00040");
        var settings = await phone.GetFromJsonAsync<JsonElement>("/api/photos/settings");
        settings.GetProperty("maxEdge").GetInt32().Should().Be(1600);
        settings.GetProperty("quality").GetDouble().Should().Be(0.8);
        settings.GetProperty("maxBytes").GetInt64().Should().Be(5 * 1024 * 1024);
        settings.GetProperty("maxPerAction").GetInt32().Should().Be(10);
        settings.GetProperty("chunkMaxBytes").GetInt32().Should().Be(1024 * 1024);
    }

    [Fact]
    public async Task A_photo_sent_in_three_chunks_resumes_after_a_wrong_offset_and_is_stored_once_with_its_facts()
    {
        var worker = await center.ClientFor("M00078");
        var id = NewId();
        var (one, two, three) = (Photo[..1000], Photo[1000..2000], Photo[2000..]);

        var started = await Start(worker, id, Photo.Length);
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var state = await Json(started);
        state.GetProperty("received").GetInt64().Should().Be(0);
        state.GetProperty("photo").ValueKind.Should().Be(JsonValueKind.Null);

        (await Send(worker, id, 0, one)).StatusCode.Should().Be(HttpStatusCode.OK);
        var wrong = await Send(worker, id, 0, two);
        wrong.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Json(wrong)).GetProperty("received").GetInt64().Should().Be(1000, "the problem says where to resume");
        (await Json(await worker.GetAsync($"/api/photos/uploads/{id}"))).GetProperty("received").GetInt64().Should().Be(1000);
        (await Json(await Send(worker, id, 1000, two, "application/octet-stream"))).GetProperty("received").GetInt64().Should().Be(2000);
        var done = await Send(worker, id, 2000, three);

        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        var complete = await Json(done);
        complete.GetProperty("received").GetInt64().Should().Be(Photo.Length);
        var photo = complete.GetProperty("photo").GetString()!;
        photo.Should().MatchRegex("^[a-f0-9]{32}\\.png$");
        complete.GetProperty("url").GetString().Should().Be($"/api/photos/{photo}");
        (await worker.GetByteArrayAsync($"/api/photos/{photo}")).Should().Equal(Photo);
        var facts = await worker.GetFromJsonAsync<JsonElement>($"/api/photos/{photo}/facts");
        facts.GetProperty("photo").GetString().Should().Be(photo);
        facts.GetProperty("takenAt").GetDateTimeOffset().Should().Be(TakenAt);
        facts.GetProperty("lat").GetDouble().Should().Be(31.9);
        facts.GetProperty("lon").GetDouble().Should().Be(120.28);
        facts.GetProperty("bytes").GetInt64().Should().Be(Photo.Length);
        facts.GetProperty("uploadedAt").ValueKind.Should().Be(JsonValueKind.String);

        var stored = StoredPhotos();
        var again = await Start(worker, id, Photo.Length);
        var resent = await Send(worker, id, 2000, three);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(again)).GetProperty("photo").GetString().Should().Be(photo, "the same upload started again answers its photo");
        (await Json(resent)).GetProperty("photo").GetString().Should().Be(photo, "the last chunk sent again changes nothing");
        StoredPhotos().Should().Be(stored, "a retry never makes a second photo");
        File.Exists(Path.Combine(PhotosFolder, photo)).Should().BeTrue();
    }

    [Fact]
    public async Task Something_that_is_not_an_image_is_refused_when_complete_and_nothing_is_kept()
    {
        var worker = await center.ClientFor("M00079");
        var id = NewId();
        var script = "<script>alert(1)</script>"u8.ToArray();
        (await Start(worker, id, script.Length)).StatusCode.Should().Be(HttpStatusCode.Created);
        var stored = StoredPhotos();

        var response = await Send(worker, id, 0, script);

        await ShouldName(response, HttpStatusCode.BadRequest, "file");
        (await response.Content.ReadAsStringAsync()).Should().Contain("JPEG, PNG or WebP");
        StoredPhotos().Should().Be(stored);
        (await worker.GetAsync($"/api/photos/uploads/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused upload is discarded");
    }

    [Theory]
    [InlineData("id", "short")]
    [InlineData("id", "has/slash/in-it")]
    [InlineData("size", "zero")]
    [InlineData("lat", "half")]
    [InlineData("lat", "range")]
    [InlineData("takenAt", "future")]
    public async Task A_bad_start_is_a_400_naming_the_field(string field, string what)
    {
        var worker = await center.ClientFor("M00082");
        object body = what switch
        {
            "short" => new { id = "abc", size = 100 },
            "has/slash/in-it" => new { id = "has/slash/in-it", size = 100 },
            "zero" => new { id = NewId(), size = 0 },
            "half" => new { id = NewId(), size = 100, lon = 120.28 },
            "range" => new { id = NewId(), size = 100, lat = 91.0, lon = 120.28 },
            _ => new { id = NewId(), size = 100, takenAt = DateTimeOffset.UtcNow.AddDays(3) },
        };

        await ShouldName(await Start(worker, "", 0, body), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_size_over_the_limit_is_a_413_and_another_size_for_a_known_upload_a_409_both_naming_size()
    {
        var worker = await center.ClientFor("M00082");
        var id = NewId();

        var tooLarge = await Start(worker, id, 6 * 1024 * 1024);
        (await Start(worker, id, 100)).StatusCode.Should().Be(HttpStatusCode.Created);
        var otherSize = await Start(worker, id, 200);

        await ShouldName(tooLarge, HttpStatusCode.RequestEntityTooLarge, "size");
        (await tooLarge.Content.ReadAsStringAsync()).Should().Contain("5 MB");
        await ShouldName(otherSize, HttpStatusCode.Conflict, "size");
        await ShouldName(await Send(worker, id, 0, new byte[101]), HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Another_account_can_neither_see_nor_append_to_an_upload_and_its_own_id_never_collides()
    {
        var owner = await center.ClientFor("M00083");
        var other = await center.ClientFor("M00084");
        var id = NewId();
        (await Start(owner, id, Photo.Length)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Send(owner, id, 0, Photo[..1000])).StatusCode.Should().Be(HttpStatusCode.OK);

        (await other.GetAsync($"/api/photos/uploads/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Send(other, id, 1000, Photo[1000..])).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var own = await Start(other, id, Photo.Length);

        own.StatusCode.Should().Be(HttpStatusCode.Created, "the same id is another upload for another account");
        (await Json(own)).GetProperty("received").GetInt64().Should().Be(0);
        (await Json(await owner.GetAsync($"/api/photos/uploads/{id}"))).GetProperty("received").GetInt64().Should().Be(1000, "the owner's upload is untouched");
    }

    [Fact]
    public async Task Two_copies_of_one_chunk_sent_at_once_are_appended_once()
    {
        var worker = await center.ClientFor("M00086");
        var id = NewId();
        (await Start(worker, id, Photo.Length)).StatusCode.Should().Be(HttpStatusCode.Created);

        var answers = await Task.WhenAll(Send(worker, id, 0, Photo[..1500]), Send(worker, id, 0, Photo[..1500]));

        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await Json(await worker.GetAsync($"/api/photos/uploads/{id}"))).GetProperty("received").GetInt64().Should().Be(1500);
        var done = await Json(await Send(worker, id, 1500, Photo[1500..]));
        (await worker.GetByteArrayAsync(done.GetProperty("url").GetString()!)).Should().Equal(Photo);
    }

    [Fact]
    public async Task A_partial_upload_left_for_more_than_two_days_is_removed_when_a_new_upload_starts()
    {
        var worker = await center.ClientFor("M00087");
        var left = NewId();
        (await Start(worker, left, Photo.Length)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Send(worker, left, 0, Photo[..1000])).StatusCode.Should().Be(HttpStatusCode.OK);
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"M00087\n{left}")))[..40];
        var part = Path.Combine(center.DataDirectory, "uploads", key + ".part");
        File.SetLastWriteTimeUtc(part, DateTime.UtcNow.AddDays(-3));

        (await Start(worker, NewId(), Photo.Length)).StatusCode.Should().Be(HttpStatusCode.Created);

        File.Exists(part).Should().BeFalse();
        (await worker.GetAsync($"/api/photos/uploads/{left}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_photo_uploaded_whole_has_its_size_and_upload_time_as_facts_and_an_unknown_photo_none()
    {
        var worker = await center.ClientFor("M00085");
        var file = new ByteArrayContent(Photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var upload = await worker.PostAsync("/api/photos", new MultipartFormDataContent { { file, "file", "result.png" } });
        var photo = (await Json(upload)).GetProperty("photo").GetString()!;

        var facts = await worker.GetFromJsonAsync<JsonElement>($"/api/photos/{photo}/facts");

        facts.GetProperty("bytes").GetInt64().Should().Be(Photo.Length);
        facts.GetProperty("uploadedAt").ValueKind.Should().Be(JsonValueKind.String);
        facts.GetProperty("takenAt").ValueKind.Should().Be(JsonValueKind.Null);
        facts.GetProperty("lat").ValueKind.Should().Be(JsonValueKind.Null);
        (await worker.GetAsync("/api/photos/0123456789abcdef0123456789abcdef.png/facts")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
