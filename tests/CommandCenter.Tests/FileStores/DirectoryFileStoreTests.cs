using CommandCenter.Storage.Files;

namespace CommandCenter.Tests.FileStores;

/// <summary>The file store contract over one folder two nodes share (as an NFS mount would be): two store objects, each with its own in-process locks.</summary>
[Trait("Category", "Unit")]
public sealed class DirectoryFileStoreTests : FileStoreContract, IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cc-files", Guid.NewGuid().ToString("N"));
    private readonly DirectoryFileStore a;
    private readonly DirectoryFileStore b;

    public DirectoryFileStoreTests()
    {
        a = new DirectoryFileStore(root);
        b = new DirectoryFileStore(root);
    }

    protected override IFileStore NodeA => a;

    protected override IFileStore NodeB => b;

    protected override Task Age(string area, string name, TimeSpan age)
    {
        File.SetLastWriteTimeUtc(Path.Combine(root, area, name), DateTime.UtcNow - age);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Files_land_where_the_data_directory_always_kept_them()
    {
        await a.Write(FileAreas.Reports, "2026-12-02/JY10.csv", "x"u8.ToArray());
        await a.Write(FileAreas.Archive, "manifest.json", "{}"u8.ToArray());

        File.ReadAllText(Path.Combine(root, "reports", "2026-12-02", "JY10.csv")).Should().Be("x");
        File.Exists(Path.Combine(root, "archive", "manifest.json")).Should().BeTrue();
        Directory.GetFiles(Path.Combine(root, "reports", "2026-12-02")).Should().ContainSingle("no temporary file is left beside it");
    }

    [Fact]
    public async Task An_append_waits_while_another_process_holds_the_lock_files()
    {
        await a.Create(FileAreas.Uploads, "held.part", "head-"u8.ToArray());
        // Another node holds every lock of the area, as it would while appending (the locks are flock'd files, shared over NFS).
        var locks = Path.Combine(root, "uploads", ".locks");
        var held = Enumerable.Range(0, 64).Select(i => new FileStream(Path.Combine(locks, $"{i:D2}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)).ToList();

        var append = b.Append(FileAreas.Uploads, "held.part", 5, "tail"u8.ToArray());
        await Task.Delay(300);
        append.IsCompleted.Should().BeFalse("the append waits for the lock");
        (await File.ReadAllBytesAsync(Path.Combine(root, "uploads", "held.part"))).Should().Equal("head-"u8.ToArray());

        foreach (var file in held) await file.DisposeAsync();
        (await append).Should().Be(new Appended(true, 9));
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
