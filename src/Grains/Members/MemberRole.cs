namespace CommandCenter.Grains.Members;

/// <summary>The 一长五员 roles of a grid team.</summary>
public enum MemberRole
{
    /// <summary>网格长: leads a level-2 grid's team.</summary>
    GridLeader,
    /// <summary>网格员: handles incidents in a grid, full- or part-time.</summary>
    GridWorker,
    /// <summary>督查员: checks work on site.</summary>
    Supervisor,
    /// <summary>信息员: reports what they see.</summary>
    Informant,
    /// <summary>联络员: links the grid with departments.</summary>
    Liaison,
    /// <summary>巡查员: patrols.</summary>
    Patroller,
}

public enum Employment { FullTime, PartTime }

/// <summary>Whether a member can take work now.</summary>
public enum DutyState { Off, On, Busy }
