using System.Diagnostics;
using CommandCenter.Grains.Wall;
using CommandCenter.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Wall;

/// <summary>Delivers a channel's batch to its SignalR group (with a backplane, on every node).</summary>
public sealed class SignalRFeedPublisher(IHubContext<CenterHub, ICenterClient> hub) : IFeedPublisher
{
    public async Task Publish(FeedBatch batch)
    {
        var started = Stopwatch.GetTimestamp();
        await hub.Clients.Group(batch.Channel).Feed(batch);
        CenterMetrics.Pushed(KindOf(batch.Channel), batch.Incidents.Count + batch.Alerts.Count + batch.Positions.Count + batch.Notices.Count, CenterMetrics.Since(started));
    }

    /// <summary>The channel's kind for the push metrics: a scope's channel feeds walls, a member's feeds a worker's phone.</summary>
    private static string KindOf(string channel) =>
        Channels.IsScope(channel, out _) ? "wall" : Channels.IsMember(channel, out _) ? "worker" : "other";
}
