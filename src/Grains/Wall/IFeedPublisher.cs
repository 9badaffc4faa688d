namespace CommandCenter.Grains.Wall;

/// <summary>Delivers a channel's pushes to the clients that follow it (the host implements it over SignalR).</summary>
public interface IFeedPublisher
{
    Task Publish(FeedBatch batch);
}
