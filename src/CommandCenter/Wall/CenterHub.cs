using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Wall;
using CommandCenter.Grids;
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
public sealed class CenterHub(IGrainFactory grains, GridDirectory grids) : Hub<ICenterClient>
{
    public override async Task OnConnectedAsync()
    {
        if (Context.User?.IsInRole(Roles.Worker) == true && Context.User.MemberIdOf() is { } memberId)
            await Groups.AddToGroupAsync(Context.ConnectionId, Channels.Member(memberId));
        await base.OnConnectedAsync();
    }

    public async Task<FeedSnapshot> Follow(string channel)
    {
        var refusal = await Refusal(channel);
        if (refusal is not null) throw new HubException(refusal);
        await Groups.AddToGroupAsync(Context.ConnectionId, channel);
        return await grains.GetGrain<IFeedGrain>(channel).Snapshot();
    }

    public Task Unfollow(string channel) => Groups.RemoveFromGroupAsync(Context.ConnectionId, channel);

    /// <summary>A worker's phone confirms a notice arrived; the incident records it as delivered.</summary>
    public async Task Acknowledge(string incidentId, int noticeSequence)
    {
        var outcome = await grains.GetGrain<Grains.Incidents.IIncidentGrain>(incidentId).Act(
            new Grains.Incidents.IncidentCommand(Grains.Incidents.IncidentAction.AcknowledgeNotice) { NoticeSequence = noticeSequence },
            Incidents.IncidentEndpoints.ActorOf(Context.User!));
        if (!outcome.Accepted) throw new HubException(outcome.Rejection!.Message);
    }

    private async Task<string?> Refusal(string channel)
    {
        var user = Context.User!;
        if (Channels.IsMember(channel, out var memberId))
            return user.MaySee(memberId) ? null : "A worker may follow only its own channel.";
        if (!Channels.IsScope(channel, out var gridId))
            return "Channels are \"scope:<grid id>\" or \"member:<member id>\".";
        if (!user.IsStaff()) return "Only operators, supervisors and admins follow scopes.";
        var index = await grids.Current();
        if (index?.Hierarchy.Find(gridId) is null) return $"No grid has the id \"{gridId}\".";
        if (user.FindFirst(Claims.GridScope)?.Value is { } allowed && !index.Hierarchy.IsWithin(gridId, allowed))
            return $"This account may follow only {allowed} and the grids below it.";
        return null;
    }
}
