using CommandCenter.Grains.Archive;
using CommandCenter.Storage;
using CommandCenter.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CommandCenter.Tests.FileStores;

/// <summary>Which store each storage profile keeps its files in.</summary>
[Trait("Category", "Unit")]
public class FileStoreRegistrationTests
{
    private static ServiceProvider Services(StorageOptions options, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        more?.Invoke(services);
        CommandCenter.Storage.Files.FileStores.Register(services, options);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_embedded_profile_keeps_files_in_the_data_directory_where_they_always_were()
    {
        using var services = Services(new StorageOptions { DataDirectory = "/tmp/cc-data" });

        services.GetRequiredService<IFileStore>().Should().BeOfType<DirectoryFileStore>().Which.Root.Should().Be("/tmp/cc-data");
        services.GetRequiredService<IArchiveStore>().Should().BeOfType<FileArchiveStore>();
        services.GetServices<IHostedService>().Should().BeEmpty();
    }

    [Fact]
    public void The_redis_profile_keeps_files_in_the_shared_directory_and_warns_when_there_is_none()
    {
        using var shared = Services(new StorageOptions { Profile = "Redis", DataDirectory = "/tmp/cc-data", SharedDirectory = "/mnt/cc-shared" });
        shared.GetRequiredService<IFileStore>().Should().BeOfType<DirectoryFileStore>().Which.Root.Should().Be("/mnt/cc-shared");
        shared.GetServices<IHostedService>().Should().BeEmpty();

        var services = new ServiceCollection();
        CommandCenter.Storage.Files.FileStores.Register(services, new StorageOptions { Profile = "Redis", DataDirectory = "/tmp/cc-data" });
        services.Should().Contain(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PerNodeFilesWarning));
        services.BuildServiceProvider().GetRequiredService<IFileStore>().Should().BeOfType<DirectoryFileStore>().Which.Root.Should().Be("/tmp/cc-data");
    }

    [Fact]
    public void The_postgres_profile_keeps_files_in_the_database_it_registers()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres");
        using var services = Services(new StorageOptions { Profile = "postgres" }, s => s.AddSingleton(source));

        services.GetRequiredService<IFileStore>().Should().BeOfType<PostgresFileStore>();
    }
}
