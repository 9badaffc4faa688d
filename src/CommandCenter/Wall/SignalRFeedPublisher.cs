using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Wall;

/// <summary>Delivers a channel's batch to its SignalR group (with a backplane, on every node).</summary>
public sealed class SignalRFeedPublisher(IHubContext<CenterHub, ICenterClient> hub) : IFeedPublisher
{
    public Task Publish(FeedBatch batch) => hub.Clients.Group(batch.Channel).Feed(batch);
}
