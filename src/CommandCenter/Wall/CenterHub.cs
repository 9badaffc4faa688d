using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Wall;

/// <summary>What the server pushes: one method, a numbered batch per channel.</summary>
public interface ICenterClient
{
    Task Feed(FeedBatch batch);
}

/// <summary>
/// The live hub (/hubs/center). Staff follow scopes (the city or any grid subtree); a worker is put on
/// its own channel when it connects and may follow no one else's. Following answers the channel's
/// snapshot after joining, so nothing pushed in between is missed (the client drops what its
/// snapshot's sequence already covers).
/// </summary>
[Authorize]
public sealed class CenterHub(IGrainFactory grains, ScopeGate gate, AccountSessions sessions) : Hub<ICenterClient>
{
    public override async Task OnConnectedAsync()
    {
        // Known to the sessions so that disabling the account closes this connection at once.
        sessions.Connected(Context, Context.User?.Identity?.Name ?? "", Context.User?.SessionsOf() ?? 0);
        if (Context.User?.IsMember() == true && Context.User.MemberIdOf() is { } memberId)
            await Groups.AddToGroupAsync(Context.ConnectionId, Channels.Member(memberId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Disconnected(Context);
        return base.OnDisconnectedAsync(exception);
    }

    [GridScopeMark(ScopeEffect.Refuses, "a scope by the account's subtree (workers follow none); a member channel by the member's home grid (a worker: only its own)")]
    public async Task<FeedSnapshot> Follow(string channel)
    {
        var refusal = await Refusal(channel);
        if (refusal is not null) throw new HubException(refusal);
        await Groups.AddToGroupAsync(Context.ConnectionId, channel);
        return await grains.GetGrain<IFeedGrain>(channel).Snapshot();
    }

    [GridScopeMark(ScopeEffect.NotScoped, "leaving a channel reveals nothing")]
    public Task Unfollow(string channel) => Groups.RemoveFromGroupAsync(Context.ConnectionId, channel);

    /// <summary>A worker's phone confirms a notice arrived; the incident records it as delivered.</summary>
    [GridScopeMark(ScopeEffect.Refuses, "the incident: a worker by its own work, staff by the incident's grid")]
    public async Task Acknowledge(string incidentId, int noticeSequence)
    {
        var incident = grains.GetGrain<Grains.Incidents.IIncidentGrain>(incidentId);
        if (await incident.GetState() is { } known && gate.Incident(Context.User!, known) is { Refused: true } refused)
            throw new HubException(refused.Reason);
        var outcome = await incident.Act(
            new Grains.Incidents.IncidentCommand(Grains.Incidents.IncidentAction.AcknowledgeNotice) { NoticeSequence = noticeSequence },
            Incidents.IncidentEndpoints.ActorOf(Context.User!));
        if (!outcome.Accepted) throw new HubException(outcome.Rejection!.Message);
    }

    private async Task<string?> Refusal(string channel)
    {
        var decided = await gate.Channel(Context.User!, channel);
        if (decided.Refused) return decided.Reason;
        if (Channels.IsScope(channel, out var gridId) && (await gate.Hierarchy())?.Find(gridId) is null) return $"No grid has the id \"{gridId}\".";
        return null;
    }
}
