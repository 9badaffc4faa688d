using System.Text.RegularExpressions;
using CityGenerator.Roster;

namespace CityGenerator.Validation;

/// <summary>Checks roster.json: ids, roles, employment, phones, grid references and the 一长五员 shape.</summary>
public static partial class RosterValidator
{
    public static void Validate(IReadOnlyList<Member> members, IReadOnlyList<GridCell> grids)
    {
        var errors = new ValidationErrors();
        var levels = grids.ToDictionary(g => g.Id, g => g.Level);
        errors.Check(members.Count >= 2000, $"only {members.Count} members");
        errors.Check(members.Select(m => m.Id).Distinct().Count() == members.Count, "duplicate member ids");
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            errors.Check(m.Id == $"M{i + 1:D5}", $"{m.Id}: ids are not sequential");
            errors.Check(Roles.All.Contains(m.Role), $"{m.Id}: unknown role {m.Role}");
            errors.Check(m.Employment is Employment.FullTime or Employment.PartTime, $"{m.Id}: bad employment");
            errors.Check(Phone().IsMatch(m.Phone), $"{m.Id}: bad phone {m.Phone}");
            errors.Check(m.Name.Length is >= 2 and <= 3, $"{m.Id}: odd name {m.Name}");
            if (!levels.TryGetValue(m.GridId, out var level))
            {
                errors.Add($"{m.Id}: unknown grid {m.GridId}");
                continue;
            }
            var expected = m.Role switch
            {
                Roles.GridLeader => [2],
                Roles.GridWorker => m.Employment == Employment.FullTime ? new[] { 3 } : [2],
                _ => [1],
            };
            errors.Check(expected.Contains(level), $"{m.Id}: {m.Role} on a level-{level} grid");
        }
        foreach (var village in grids.Where(g => g.Level == 2))
        {
            var leaders = members.Count(m => m.GridId == village.Id && m.Role == Roles.GridLeader);
            errors.Check(leaders == 1, $"{village.Id}: {leaders} grid leaders");
        }
        foreach (var block in grids.Where(g => g.Level == 3))
        {
            var workers = members.Count(m => m.GridId == block.Id);
            errors.Check(workers == 1, $"{block.Id}: {workers} grid workers");
        }
        errors.ThrowIfAny("roster");
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")] private static partial Regex Phone();
}
