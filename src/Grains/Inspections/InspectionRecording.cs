using CommandCenter.Grains.Accounts;

namespace CommandCenter.Grains.Inspections;

/// <summary>Who records a check's result: the inspector drawn for it, a supervisor or an admin (where grid scope lets them see it).</summary>
public static class InspectionRecording
{
    /// <summary>Null when the role and member may record the task's result; otherwise why not.</summary>
    public static string? Refusal(string role, string? memberId, InspectionTask task) =>
        role is Roles.Admin or Roles.Supervisor || (role == Roles.Inspector && memberId == task.InspectorId)
            ? null
            : $"Only the inspector drawn for {task.Id}, a supervisor or an admin records its result.";
}
