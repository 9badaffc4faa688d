using CommandCenter.Grains.Incidents;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>
/// Every key the Redis ledger uses, under one prefix (the Orleans service id), so several deployments
/// can share a Redis. Time-ordered indexes are sorted sets compared by member text ("lex"): a member
/// starts with the instant in ticks, zero-padded to 19 digits, so text order is time order without
/// the rounding a double score would bring to 100-ns ticks.
/// </summary>
public sealed class RedisLedgerKeys(string prefix)
{
    private readonly string root = prefix + ":ledger:";

    /// <summary>List of an incident's events as JSON, element n-1 is sequence n.</summary>
    public RedisKey Events(string incidentId) => root + "events:" + incidentId;

    /// <summary>The incident's summary as JSON.</summary>
    public RedisKey Summary(string incidentId) => root + "summary:" + incidentId;

    /// <summary>Hash of the index entries the incident is in now (key → member), so the next append can leave the stale ones.</summary>
    public RedisKey Memberships(string incidentId) => root + "in:" + incidentId;

    /// <summary>A member's patrol track: "ticks|lat|lon" (see <see cref="RedisPatrolTracks"/>).</summary>
    public RedisKey Track(string memberId) => prefix + ":track:" + memberId;

    /// <summary>The pattern every track key matches (for SCAN).</summary>
    public RedisValue TrackPattern => prefix + ":track:*";

    /// <summary>Every event of every incident: "ticks|incident|sequence".</summary>
    public RedisKey Timeline => root + "timeline";

    /// <summary>Every incident by creation: "ticks|incident".</summary>
    public RedisKey Created => root + "created";

    /// <summary>Incidents located in a grid's subtree, open or closed, by creation.</summary>
    public RedisKey CreatedUnder(string gridId) => root + "created-under:" + gridId;

    /// <summary>Incidents in one status, by creation.</summary>
    public RedisKey CreatedWithStatus(IncidentStatus status) => root + "created-status:" + status;

    public RedisKey OpenIn(string gridId) => root + "open-in:" + gridId;
    public RedisKey OpenUnder(string gridId) => root + "open-under:" + gridId;
    public RedisKey OpenAssignedTo(string memberId) => root + "open-assigned:" + memberId;
    /// <summary>Open incidents of a category by position (a geo set), for finding duplicates nearby.</summary>
    public RedisKey OpenOfCategoryNear(string category) => root + "open-near:" + category;

    /// <summary>Incidents whose caller's phone has these digits (a set of ids, written once with the report).</summary>
    public RedisKey WithPhone(string digits) => root + "phone:" + digits;

    /// <summary>Return visits the clock closed unanswered: "ticks|incident" by the close instant.</summary>
    public RedisKey VisitUnanswered => root + "visit-unanswered";

    /// <summary>Open incidents by the next instant their SLA clock needs a look (score: Unix milliseconds).</summary>
    public RedisKey Wake => root + "wake";

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19");

    public static string CreatedMember(IncidentSummary summary) => Ticks(summary.CreatedAt) + "|" + summary.Id;

    public static string TimelineMember(IncidentEvent e) => Ticks(e.At) + "|" + e.IncidentId + "|" + e.Sequence.ToString("D10");

    /// <summary>The incident id at the end of a "ticks|incident" member.</summary>
    public static string IdOfCreated(string member) => member[(member.IndexOf('|') + 1)..];
}
