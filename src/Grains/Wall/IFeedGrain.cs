namespace CommandCenter.Grains.Wall;

/// <summary>
/// One push channel (key "scope:" + a grid id, or "member:" + a member id): numbers its pushes, batches what arrives
/// while a push is under way, coalesces positions to at most four pushes a second, and keeps the
/// channel's current picture for clients that (re)join.
/// </summary>
public interface IFeedGrain : IGrainWithStringKey
{
    [OneWay] Task Incident(IncidentDelta delta, SlaAlert? alert);
    [OneWay] Task Position(PositionUpdate update);
    [OneWay] Task Notice(WorkerNotice notice);
    Task<FeedSnapshot> Snapshot();
}
