using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Setup;
using CommandCenter.Grids;
using Microsoft.Extensions.Options;

namespace CommandCenter.Samples;

/// <summary>
/// Loads the sample city into a fresh data store before the API starts answering: grids, roster,
/// and demo accounts (accounts.json for the desks, one worker account per member). Every step is idempotent and the "loaded" mark is written last, so a start
/// that crashed half-way simply loads again.
/// </summary>
public sealed class SampleCityLoader(
    IGrainFactory grains, GridDirectory directory, IOptions<SampleOptions> options, IOptions<Storage.StorageOptions> storage, IHostEnvironment environment, ILogger<SampleCityLoader> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var setup = grains.GetGrain<ICitySetupGrain>("city");
        if (!options.Value.LoadOnFirstStart || !await ClaimOrWait(setup, cancellationToken))
        {
            await directory.Refresh();
            return;
        }

        var folder = Path.GetFullPath(options.Value.CityDirectory, environment.ContentRootPath);
        var started = DateTime.UtcNow;
        var report = await grains.GetGrain<IGridCatalogGrain>("city").Import(await File.ReadAllTextAsync(Path.Combine(folder, "grids.geojson"), cancellationToken));
        if (!report.Accepted)
            throw new InvalidDataException($"The sample grids in {folder} were rejected: {report.Problems[0].Problem}");
        await directory.Refresh();
        // The places list (roads, communities, landmarks) the gazetteer searches besides the grids' names; optional.
        var placesFile = Path.Combine(folder, "places.geojson");
        if (File.Exists(placesFile))
        {
            var places = await grains.GetGrain<CommandCenter.Grains.Places.IPlaceCatalogGrain>("city").Import(await File.ReadAllTextAsync(placesFile, cancellationToken));
            if (!places.Accepted) throw new InvalidDataException($"The sample places in {folder} were rejected: {places.Problems[0].Field}: {places.Problems[0].Problem}");
        }

        var roster = RosterFile.Read(Path.Combine(folder, "roster.json"));
        await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (member, _) => await grains.GetGrain<IMemberGrain>(member.Id).Enroll(member));
        await Parallel.ForEachAsync(roster.GroupBy(m => m.GridId), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (team, _) => await grains.GetGrain<IGridGrain>(team.Key).AddMembers(team.Select(m => m.Id).ToList()));

        var configured = options.Value.DemoPassword;
        var password = string.IsNullOrWhiteSpace(configured) ? BootstrapAdmin.GeneratePassword() : configured;
        var hash = TokenIssuer.Hash(password); // one hash for every demo account keeps start-up fast
        // The desks (and any scoped to a town) are the sample's data; every member gets an account of its role in
        // 一长五员 (Roles.OfMember), working in its home grid.
        var desks = DeskAccountsFile.Read(Path.Combine(folder, "accounts.json"), directory.Cached!.Hierarchy);
        var accounts = desks.Select(d => new Account(d.Username, hash, d.Role, null, d.GridScope)).ToList();
        accounts.AddRange(roster.Select(m => new Account(m.Id, hash, Roles.OfMember(m.Role), m.Id, m.GridId)));
        var added = await grains.GetGrain<IAccountDirectoryGrain>("accounts").AddMissing(accounts);

        await setup.MarkSampleLoaded(Path.GetFileName(folder));
        log.LogInformation("Sample city {City} loaded in {Seconds:0.0} s: {Grids} grids, {Members} members, {Accounts} demo accounts",
            Path.GetFileName(folder), (DateTime.UtcNow - started).TotalSeconds, report.GridCount, roster.Count, added);
        if (string.IsNullOrWhiteSpace(configured) && added > 0)
            Auth.GeneratedPassword.Hand(password,
                $"The password of the demo accounts {string.Join(", ", desks.Select(d => d.Username))} and one per member id (e.g. {roster[0].Id}) (set Samples:DemoPassword to choose one)",
                "demo-password.txt", storage.Value, log);
    }

    /// <summary>True when this node is to load; false once another node (or an earlier start) has loaded.</summary>
    private static async Task<bool> ClaimOrWait(ICitySetupGrain setup, CancellationToken cancellationToken)
    {
        var node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        while (await setup.GetLoadedSample() is null)
        {
            if (await setup.ClaimSampleLoad(node, TimeSpan.FromMinutes(2))) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        return false;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
