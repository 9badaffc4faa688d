using System.Text;
using CommandCenter.Incidents;
using CommandCenter.Storage.Files;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.FileStores;

/// <summary>
/// What every file store promises, run against each (a folder, PostgreSQL): two nodes are two store objects over the same
/// files, as two processes would be; then a phone's upload whose chunks reach both nodes.
/// </summary>
public abstract class FileStoreContract
{
    /// <summary>One node's view of the shared files.</summary>
    protected abstract IFileStore NodeA { get; }

    /// <summary>Another node's view of the same files.</summary>
    protected abstract IFileStore NodeB { get; }

    /// <summary>Makes the file look last written that long ago (as time passing would).</summary>
    protected abstract Task Age(string area, string name, TimeSpan age);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<string?> Text(IFileStore store, string area, string name) =>
        await store.ReadAll(area, name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    [Fact]
    public async Task A_file_written_on_one_node_reads_back_whole_on_another_and_a_rewrite_replaces_it()
    {
        await NodeA.Write(FileAreas.Reports, "2026-12-02/JY10.csv", Bytes("id,state\n"));

        (await Text(NodeB, FileAreas.Reports, "2026-12-02/JY10.csv")).Should().Be("id,state\n");
        var found = await NodeB.Find(FileAreas.Reports, "2026-12-02/JY10.csv");
        found!.Length.Should().Be(9);
        found.ModifiedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        await NodeB.Write(FileAreas.Reports, "2026-12-02/JY10.csv", Bytes("id,state\nJY-1,open\n"));
        (await Text(NodeA, FileAreas.Reports, "2026-12-02/JY10.csv")).Should().Be("id,state\nJY-1,open\n");
        (await NodeA.OpenRead(FileAreas.Reports, "2026-12-03/JY10.csv")).Should().BeNull();
        (await NodeA.Find(FileAreas.Photos, "2026-12-02/JY10.csv")).Should().BeNull("areas are apart");
    }

    [Fact]
    public async Task Create_writes_only_when_no_file_has_the_name()
    {
        (await NodeA.Create(FileAreas.Uploads, "k.photo", Bytes("first.jpg"))).Should().BeTrue();
        (await NodeB.Create(FileAreas.Uploads, "k.photo", Bytes("second.jpg"))).Should().BeFalse();
        (await Text(NodeA, FileAreas.Uploads, "k.photo")).Should().Be("first.jpg");
    }

    [Fact]
    public async Task An_append_lands_only_where_the_file_stands_and_a_wrong_offset_changes_nothing()
    {
        await NodeA.Create(FileAreas.Uploads, "u.part", ReadOnlyMemory<byte>.Empty);

        (await NodeA.Append(FileAreas.Uploads, "u.part", 0, Bytes("abc"))).Should().Be(new Appended(true, 3));
        (await NodeB.Append(FileAreas.Uploads, "u.part", 5, Bytes("zz"))).Should().Be(new Appended(false, 3), "the file has 3 bytes, not 5");
        (await NodeB.Append(FileAreas.Uploads, "u.part", 0, Bytes("abc"))).Should().Be(new Appended(false, 3), "a repeated chunk is not added twice");
        (await NodeB.Append(FileAreas.Uploads, "u.part", 3, Bytes("def"))).Should().Be(new Appended(true, 6));
        (await NodeA.Append(FileAreas.Uploads, "u.part", 6, ReadOnlyMemory<byte>.Empty)).Should().Be(new Appended(true, 6));

        (await Text(NodeA, FileAreas.Uploads, "u.part")).Should().Be("abcdef");
        (await NodeA.Find(FileAreas.Uploads, "u.part"))!.Length.Should().Be(6);
        (await NodeA.Append(FileAreas.Uploads, "none.part", 0, Bytes("x"))).Should().Be(new Appended(false, null), "there is no such file");
        (await NodeA.Find(FileAreas.Uploads, "none.part")).Should().BeNull();
    }

    [Fact]
    public async Task Of_appends_at_the_same_offset_from_two_nodes_at_once_exactly_one_lands()
    {
        for (var round = 0; round < 20; round++)
        {
            var name = $"race{round}.part";
            await NodeA.Create(FileAreas.Uploads, name, Bytes("head-"));
            // Six copies of "the next chunk", each its own bytes, sent at one moment through both nodes.
            var chunks = Enumerable.Range(0, 6).Select(i => Bytes(new string((char)('a' + i), 3000 + i))).ToArray();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var appends = chunks.Select((chunk, i) => Task.Run(async () =>
            {
                await go.Task;
                return await (i % 2 == 0 ? NodeA : NodeB).Append(FileAreas.Uploads, name, 5, chunk);
            })).ToArray();
            go.SetResult();
            var results = await Task.WhenAll(appends);

            results.Count(r => r.Done).Should().Be(1, "exactly one append at offset 5 lands (round {0})", round);
            var won = chunks[Array.FindIndex(results, r => r.Done)];
            var content = await NodeB.ReadAll(FileAreas.Uploads, name);
            content.Should().Equal([.. Bytes("head-"), .. won], "the file holds the head and the winner's chunk, nothing of the others");
            results.Where(r => !r.Done).Should().OnlyContain(r => r.Length == 5 + won.Length, "the others are told where the file stands now");
        }
    }

    [Fact]
    public async Task Files_are_listed_by_prefix_in_name_order_and_deleted()
    {
        await NodeA.Write(FileAreas.Reports, "2026-12-02/JY10.json", Bytes("{}"));
        await NodeA.Write(FileAreas.Reports, "2026-12-02/JY02.csv", Bytes("a"));
        await NodeA.Write(FileAreas.Reports, "2026-12-01/JY02.csv", Bytes("b"));
        await NodeA.Write(FileAreas.Reports, "2026-12-021.csv", Bytes("c"));
        await NodeA.Write(FileAreas.Archive, "2026-12-02.ndjson.gz", Bytes("d"));

        (await NodeB.List(FileAreas.Reports, "2026-12-02/")).Select(f => (f.Name, f.Length)).Should()
            .Equal(("2026-12-02/JY02.csv", 1L), ("2026-12-02/JY10.json", 2L));
        (await NodeB.List(FileAreas.Reports)).Select(f => f.Name).Should()
            .Equal("2026-12-01/JY02.csv", "2026-12-02/JY02.csv", "2026-12-02/JY10.json", "2026-12-021.csv");
        (await NodeB.List(FileAreas.Reports, "2026-11-30/")).Should().BeEmpty();

        (await NodeB.Delete(FileAreas.Reports, "2026-12-02/JY02.csv")).Should().BeTrue();
        (await NodeA.Delete(FileAreas.Reports, "2026-12-02/JY02.csv")).Should().BeFalse("it is gone");
        (await NodeA.Find(FileAreas.Reports, "2026-12-02/JY02.csv")).Should().BeNull();
        (await NodeA.List(FileAreas.Reports, "2026-12-02/")).Select(f => f.Name).Should().Equal("2026-12-02/JY10.json");
    }

    [Fact]
    public async Task Old_files_are_found_by_their_age_and_swept()
    {
        await NodeA.Create(FileAreas.Uploads, "old.part", Bytes("x"));
        await NodeA.Create(FileAreas.Uploads, "new.part", Bytes("y"));
        await Age(FileAreas.Uploads, "old.part", TimeSpan.FromDays(3));

        var stale = (await NodeB.List(FileAreas.Uploads)).Where(f => DateTimeOffset.UtcNow - f.ModifiedAt > TimeSpan.FromDays(2)).ToList();
        stale.Select(f => f.Name).Should().Equal("old.part");
        foreach (var file in stale) await NodeB.Delete(FileAreas.Uploads, file.Name);

        (await NodeA.List(FileAreas.Uploads)).Select(f => f.Name).Should().Equal("new.part");
    }

    [Theory]
    [InlineData("photos", "../command-center.db")]
    [InlineData("photos", "/etc/passwd")]
    [InlineData("uploads", ".locks/00.lock")]
    [InlineData("reports", "2026-12-02//x.csv")]
    [InlineData("secrets", "x.json")]
    public async Task A_name_outside_its_area_is_refused(string area, string name)
    {
        var write = () => NodeA.Write(area, name, Bytes("x"));
        await write.Should().ThrowAsync<ArgumentException>();
        var read = () => NodeA.OpenRead(area, name);
        await read.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_photo_whose_chunks_reach_two_nodes_ends_as_one_photo_with_its_bytes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (photosA, photosB) = (new PhotoStore(NodeA, clock), new PhotoStore(NodeB, clock));
        var nodes = new[] { new PhotoUploads(NodeA, photosA, clock), new PhotoUploads(NodeB, photosB, clock) };
        var image = new byte[250_000];
        Random.Shared.NextBytes(image);
        image[0] = 0xFF; image[1] = 0xD8; image[2] = 0xFF;
        var start = new PhotoUploads.Start("phone-upload-1", image.Length, clock.GetUtcNow().AddMinutes(-5), 31.9, 120.3);

        (await nodes[0].Begin("M00001", start, default)).Created.Should().BeTrue();
        (await nodes[1].Begin("M00001", start, default)).Created.Should().BeFalse("the other node finds the same upload");
        const int chunk = 60_000;
        PhotoUploads.Answer last = null!;
        for (var (offset, i) = (0, 0); offset < image.Length; offset += chunk, i++)
        {
            var piece = image[offset..Math.Min(image.Length, offset + chunk)];
            // A phone behind a load balancer: each chunk reaches the next node, and some are sent twice, to both at once.
            var answers = await Task.WhenAll(
                nodes[i % 2].Append("M00001", "phone-upload-1", offset, piece, default),
                nodes[(i + 1) % 2].Append("M00001", "phone-upload-1", offset, piece, default));
            answers.Should().NotContain(a => a.Refusal != PhotoUploads.Refusal.None && a.Refusal != PhotoUploads.Refusal.OffsetDiffers);
            last = answers.First(a => a.Refusal == PhotoUploads.Refusal.None);
        }

        var photo = last.Upload!.Photo;
        photo.Should().NotBeNull("the last byte arrived");
        (await nodes[0].Find("M00001", "phone-upload-1", default))!.Photo.Should().Be(photo);
        (await nodes[1].Find("M00001", "phone-upload-1", default))!.Photo.Should().Be(photo);
        await using (var stored = await photosB.Open(photo!))
        {
            using var copy = new MemoryStream();
            await stored!.CopyToAsync(copy);
            copy.ToArray().Should().Equal(image);
        }
        (await NodeA.List(FileAreas.Photos)).Select(f => f.Name).Should().Equal([photo, photo + ".json"], "one photo and its facts, however the chunks went");
        var facts = await photosA.FactsOf(photo!, default);
        (facts!.Bytes, facts.Lat, facts.Lon).Should().Be((image.Length, 31.9, 120.3));
        (await NodeA.List(FileAreas.Uploads)).Select(f => f.Name).Should().NotContain(n => n.EndsWith(".part"), "the partial file is gone once complete");

        // The phone repeats its last chunk to either node after the answer was lost: the same photo, no second one.
        var again = await nodes[1].Append("M00001", "phone-upload-1", image.Length - image.Length % chunk, image[^(image.Length % chunk)..], default);
        again.Upload!.Photo.Should().Be(photo);
        (await NodeB.List(FileAreas.Photos)).Should().HaveCount(2);
    }
}
