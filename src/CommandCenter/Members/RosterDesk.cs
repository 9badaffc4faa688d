using System.Security.Claims;
using CommandCenter.Admin;
using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Grids;

namespace CommandCenter.Members;

/// <summary>
/// The roster as one change: the file is planned against the members on the roster now (<see cref="RosterImport"/>
/// decides every rule), and a plan with no errors and nobody blocked is applied whole: members enrolled, moved or
/// retired, their grids' teams and their accounts following. Applying the same file twice changes nothing the second
/// time, so an apply cut short is finished by applying again.
/// </summary>
public sealed class RosterDesk(IGrainFactory grains, GridDirectory grids, IIncidentLedger ledger, AccountSessions sessions, AuditLog audit)
{
    /// <summary>Every member on the roster now (by the grids' teams: a member who left is in none).</summary>
    public async Task<IReadOnlyList<MemberProfile>> Current()
    {
        if (await grids.Current() is not { } index) return [];
        return (await Teams.Of(grains, index.Hierarchy.Nodes.Select(n => n.Id))).Select(m => m.Profile).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The plan of a file against the roster now, with the open work of whoever would leave or move grid.</summary>
    public async Task<RosterPlan> Plan(IReadOnlyList<string> header, IReadOnlyList<RosterRow> rows, IReadOnlyCollection<MemberProfile>? current = null)
    {
        var hierarchy = (await grids.Current())?.Hierarchy;
        if (hierarchy is null)
            return new RosterPlan(rows.Count, [new RosterProblem(1, "网格", "Import the city's grids first: every member has a home grid.")], [], [], [], []);
        current ??= await Current();
        var first = RosterImport.Plan(header, rows, hierarchy, current, new Dictionary<string, IReadOnlyList<string>>());
        var moving = first.Left.Select(m => m.Id).Concat(first.Changed.Where(c => c.Before.GridId != c.After.GridId).Select(c => c.After.Id)).ToList();
        if (moving.Count == 0) return first;
        var open = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var id in moving)
        {
            var cases = await ledger.OpenAssignedTo(id);
            if (cases.Count > 0) open[id] = cases.Select(c => c.Id).ToList();
        }
        return open.Count == 0 ? first : RosterImport.Plan(header, rows, hierarchy, current, open);
    }

    /// <summary>Applies a plan that may be applied (<see cref="RosterPlan.MayApply"/>).</summary>
    public async Task Apply(RosterPlan plan, ClaimsPrincipal user)
    {
        if (!plan.MayApply) throw new InvalidOperationException("A roster plan with errors or blocked members is not applied.");
        var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
        var accounts = new List<Account>();
        var entries = new List<Grains.Setup.AuditEntry>();

        foreach (var member in plan.Added)
        {
            await grains.GetGrain<IMemberGrain>(member.Id).Enroll(member);
            await grains.GetGrain<IGridGrain>(member.GridId).AddMembers([member.Id]);
            var role = Roles.OfMember(member.Role);
            // Its person sets the password from an invitation the admin hands out; until then nothing signs in to it.
            accounts.Add(await directory.Find(member.Id) is { } existing
                ? existing.EndingSessions() with { Role = role, MemberId = member.Id, GridScope = member.GridId, Disabled = false }
                : new Account(member.Id, "", role, member.Id, member.GridId));
            entries.Add(audit.Entry(user, "member.add", "member:" + member.Id, null, member));
        }
        foreach (var change in plan.Changed)
        {
            var (before, after) = (change.Before, change.After);
            await grains.GetGrain<IMemberGrain>(after.Id).Enroll(after);
            if (before.GridId != after.GridId)
            {
                await grains.GetGrain<IGridGrain>(before.GridId).RemoveMember(after.Id);
                await grains.GetGrain<IGridGrain>(after.GridId).AddMembers([after.Id]);
            }
            if (await directory.Find(after.Id) is { } account && (account.Role != Roles.OfMember(after.Role) || account.GridScope != after.GridId))
                accounts.Add(account.EndingSessions() with { Role = Roles.OfMember(after.Role), GridScope = after.GridId });
            entries.Add(audit.Entry(user, "member.update", "member:" + after.Id, before, after));
        }
        foreach (var member in plan.Left)
        {
            await grains.GetGrain<IGridGrain>(member.GridId).RemoveMember(member.Id);
            await grains.GetGrain<IMemberGrain>(member.Id).Leave();
            if (await directory.Find(member.Id) is { } account && !account.Disabled) accounts.Add(account.EndingSessions() with { Disabled = true });
            entries.Add(audit.Entry(user, "member.leave", "member:" + member.Id, member, null));
        }
        await directory.Put(accounts);
        await sessions.Refresh();
        entries.Add(audit.Entry(user, "roster.apply", "roster", null,
            new { rows = plan.Rows, added = plan.Added.Count, changed = plan.Changed.Count, left = plan.Left.Count }));
        await audit.Record([.. entries]);
    }
}
