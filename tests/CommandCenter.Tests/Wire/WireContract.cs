using CommandCenter.Admin;
using CommandCenter.Auth;
using CommandCenter.City;
using System.Reflection;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Incidents;
using CommandCenter.Grids;
using CommandCenter.Inspections;
using CommandCenter.Members;
using CommandCenter.Places;
using CommandCenter.Replay;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using CommandCenter.Wall;

namespace CommandCenter.Tests.Wire;

/// <summary>
/// The wire contract: which C# types the pages read, over which transport. The TypeScript the pages use
/// is generated from this list and the records themselves (src/Dashboard/src/shared/generated/wire.generated.ts).
/// </summary>
public static class WireContract
{
    public const string RegenerateCommand = "bash scripts/regenerate-wire.sh";

    public static string GeneratedFile => Path.Combine(Repo.Root, "src", "Dashboard", "src", "shared", "generated", "wire.generated.ts");

    /// <summary>The HTTP API's JSON: minimal APIs' web defaults (camelCase, nulls written, enums as numbers), as Program.cs leaves them.</summary>
    public static JsonSerializerOptions ApiJson { get; } = new(JsonSerializerDefaults.Web);

    public static IEnumerable<WireSection> Sections()
    {
        var hubMethods = typeof(CenterHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(CenterHub)).ToList();
        var clientMethods = typeof(ICenterClient).GetMethods().ToList();
        yield return new WireSection(
            "Hub /hubs/center (SignalR, MessagePack with string keys; instants as ISO strings): what it pushes and what a page invokes.",
            WireDialect.MessagePack, [],
            [
                new WireMethods("CenterClient", "Pushed by the hub: connection.on(name, handler).", clientMethods),
                new WireMethods("CenterHubMethods", "Invoked by a page: connection.invoke(name, ...args).", hubMethods),
            ]);
        yield return new WireSection(
            "HTTP API views (JSON, camelCase, nulls written).",
            WireDialect.Json("API JSON", ApiJson),
            [
                typeof(IncidentView), typeof(CategoryView), typeof(MemberView), typeof(MemberEndpoints.TrackView), typeof(PatrolEndpoints.PatrolDayView), typeof(PatrolEndpoints.PatrolRangeView),
                typeof(IncidentEndpoints.Created), typeof(IncidentEndpoints.NearbyAnswer), typeof(PlaceEndpoints.PlaceView), typeof(GridEndpoints.LocateAnswer),
                typeof(IncidentEndpoints.IncidentList), typeof(ReturnVisitEndpoints.ReturnVisitQueue),
                typeof(PhotoUploadView), typeof(PhotoFactsView), typeof(PhotoSettingsView),
                typeof(InspectionSummaryView), typeof(InspectionTaskView), typeof(InspectionRun), typeof(PublicInspectionFeed),
                typeof(CityView), typeof(CommandCenter.Kpis.KpiEndpoints.KpiReportView), typeof(CommandCenter.Kpis.KpiEndpoints.KpiCases), typeof(CommandCenter.Kpis.KpiEndpoints.ActivityView),
                typeof(CommandCenter.Assessment.AssessmentEndpoints.AssessmentView), typeof(CommandCenter.Assessment.DossierEndpoints.DossierView),
            ]);
        yield return new WireSection(
            "The admin console's API (/api/admin, docs/admin.md; JSON, camelCase, nulls written).",
            WireDialect.Json("API JSON", ApiJson),
            [
                typeof(CityAdminEndpoints.SetupView), typeof(CityAdminEndpoints.CitySettingsView), typeof(GridAdminEndpoints.GridPreview),
                typeof(RosterEndpoints.RosterPlanView), typeof(RosterEndpoints.RosterMember),
                typeof(AccountAdminEndpoints.AccountView), typeof(AccountAdminEndpoints.CreatedAccount), typeof(AccountAdminEndpoints.LockoutView),
                typeof(PasswordEndpoints.OpenInvitation),
                typeof(CategoryAdminEndpoints.CategoryAdminView), typeof(PolicyAdminEndpoints.PolicyView), typeof(PolicyAdminEndpoints.PolicyVersionView),
                typeof(AuditEndpoints.AuditEntryView),
            ]);
        yield return new WireSection(
            "Replay lines of GET /api/replay (the ledger's JSON: camelCase, enums by name, nulls left out).",
            WireDialect.Json("ledger JSON", LedgerJson.Options),
            [typeof(IncidentAt), typeof(IncidentEvent)]);
    }

    public static string Generate() => WireTypeScript.Generate(
        $"""
        // Generated from the C# records by tests/CommandCenter.Tests/Wire/WireContract.cs: do not edit by hand.
        // Regenerate with `{RegenerateCommand}`; the test suite fails while this file differs from what the records give.

        """,
        Sections()).ReplaceLineEndings("\n");
}
