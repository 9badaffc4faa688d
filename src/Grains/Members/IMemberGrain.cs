namespace CommandCenter.Grains.Members;

/// <summary>One member of a grid team, keyed by member id (e.g. M00042).</summary>
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates the member from the roster; duty and positions are kept.</summary>
    /// <summary>Puts the member on the roster with this profile (again, after it left).</summary>
    Task Enroll(MemberProfile profile);

    /// <summary>The member left the roster: off duty; its grid's team drops it (the caller does), its record and history stay.</summary>
    Task Leave();

    /// <summary>Null when no member has this id.</summary>
    Task<MemberSnapshot?> GetSnapshot();

    /// <summary>Remembers a case this member reported (its own, or the open case its report joined).</summary>
    Task RecordReport(string incidentId);

    /// <summary>The cases this member reported, oldest first (the latest <see cref="MemberReports.Kept"/>).</summary>
    Task<IReadOnlyList<string>> GetReported();

    /// <summary>Null when no member has this id.</summary>
    Task<MemberSnapshot?> SetDuty(DutyState state);

    /// <summary>Keeps the good pings of the batch durably before answering; null when no member has this id.</summary>
    Task<PingReport?> RecordPings(IReadOnlyList<Fix> pings);

    Task<IReadOnlyList<Fix>> GetTrack(DateTimeOffset from, DateTimeOffset to);

    /// <summary>巡查里程 and 巡查时长 per city day in [first, last], from the kept fixes (see PatrolStatistics); null when no member has this id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Patrol.PatrolDayTotals>?> GetPatrol(DateOnly first, DateOnly last);
}
