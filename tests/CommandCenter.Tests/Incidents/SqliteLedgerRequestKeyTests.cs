using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Incidents;

/// <summary>The request key a phone's action came with survives the SQLite ledger; rows written before keys existed still read.</summary>
[Trait("Category", "InProcess")]
public sealed class SqliteLedgerRequestKeyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private readonly TemporarySqlite database = new("cc-request-key", SqliteIncidentLedger.Schema);
    private SqliteIncidentLedger ledger = null!;

    public Task InitializeAsync()
    {
        ledger = new SqliteIncidentLedger(database.Database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_keyed_decision_is_read_back_with_its_key_and_older_events_without_one()
    {
        var rules = new SlaRules(SampleRules.Policy, SampleRules.Catalogue.Find("E0102")!);
        var operatorActor = new Actor("operator1", Roles.Operator);
        var placement = new GridPlacement("JY10-01-08", ["JY10-01-08", "JY10-01", "JY10", "JY"], GridArea.Urban);
        var opened = IncidentLifecycle.Report("JY-K-000001", new IncidentReport("E0102", Priority.Normal, "垃圾", "hotline", 31.75, 120.34), placement, operatorActor, T0, rules);
        await ledger.Append(opened, IncidentSummary.Of(IncidentState.Fold(opened)));
        var state = IncidentState.Fold(opened);
        var dispatch = IncidentLifecycle.DecideOnce(opened, state, new IncidentCommand(IncidentAction.Dispatch) { MemberId = "M00042", RequestKey = "desk-\"1\"" },
            operatorActor, T0.AddMinutes(1), rules);
        await ledger.Append(dispatch.Events, IncidentSummary.Of(IncidentState.Fold([.. opened, .. dispatch.Events])));

        var read = await ledger.Read("JY-K-000001");

        read.Select(e => e.RequestKey).Should().Equal(null, null, "desk-\"1\"");
        IncidentLifecycle.DecideOnce(read, IncidentState.Fold(read), new IncidentCommand(IncidentAction.Dispatch) { MemberId = "M00042", RequestKey = "desk-\"1\"" },
            operatorActor, T0.AddMinutes(2), rules).Events.Should().BeEquivalentTo(dispatch.Events, "a retry after a restart still finds the key in the ledger");
    }
}
