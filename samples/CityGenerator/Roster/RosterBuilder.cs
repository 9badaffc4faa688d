using CityGenerator.Naming;

namespace CityGenerator.Roster;

/// <summary>
/// Staffs the grids in the 一长五员 shape. Per level-1 grid: 2 Supervisors, 3 Patrollers,
/// 2 Informants, 2 Liaisons. Per level-2 grid: one full-time GridLeader, one full-time GridWorker
/// for each level-3 grid under it, and 1–3 part-time GridWorkers on the level-2 grid itself (more for villages with more blocks).
/// </summary>
public static class RosterBuilder
{
    private static readonly (string Role, int Count, string Employment)[] TownStaff =
    [
        (Roles.Supervisor, 2, Employment.FullTime),
        (Roles.Patroller, 3, Employment.FullTime),
        (Roles.Informant, 2, Employment.PartTime),
        (Roles.Liaison, 2, Employment.PartTime),
    ];

    public static List<Member> Build(IReadOnlyList<GridCell> grids)
    {
        var random = StableSeed.Random("roster");
        var phones = new HashSet<string>();
        var members = new List<Member>();

        void Add(string role, string gridId, string employment)
        {
            string phone;
            do
            {
                phone = $"139{random.Next(100_000_000):D8}";
            }
            while (!phones.Add(phone));
            members.Add(new Member($"M{members.Count + 1:D5}", PersonNames.Next(random), role, gridId, employment, phone));
        }

        var children = grids.Where(g => g.ParentId is not null).ToLookup(g => g.ParentId!);
        foreach (var town in grids.Where(g => g.Level == 1))
        {
            foreach (var (role, count, employment) in TownStaff)
            {
                for (var k = 0; k < count; k++)
                {
                    Add(role, town.Id, employment);
                }
            }
            foreach (var village in children[town.Id])
            {
                Add(Roles.GridLeader, village.Id, Employment.FullTime);
                var blocks = children[village.Id].ToList();
                foreach (var block in blocks)
                {
                    Add(Roles.GridWorker, block.Id, Employment.FullTime);
                }
                var partTimers = Math.Clamp(blocks.Count / 3 + random.Next(2), 1, 3); // bigger villages get more
                for (var k = 0; k < partTimers; k++)
                {
                    Add(Roles.GridWorker, village.Id, Employment.PartTime);
                }
            }
        }
        return members;
    }
}
