using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Grains.Geography;

namespace CommandCenter.Grains.Members;

/// <summary>One data row of a roster file. <paramref name="Row"/> counts as a spreadsheet does (the header is row 1);
/// <paramref name="Cells"/> are keyed by the header text as the file wrote it.</summary>
public sealed record RosterRow(int Row, IReadOnlyDictionary<string, string> Cells);

/// <summary>What is wrong in one cell (or, on row 1, with a column). <paramref name="Column"/> is the column's header as the
/// file wrote it, or the column's canonical name (<c>id</c>, <c>name</c>, <c>role</c>, <c>gridId</c>) when it is missing.</summary>
public sealed record RosterProblem(int Row, string Column, string Message);

public sealed record RosterChange(MemberProfile Before, MemberProfile After);

/// <summary>A member who leaves or moves grid while it still has open cases: they must be re-dispatched first.</summary>
public sealed record RosterBlock(string MemberId, string Name, IReadOnlyList<string> OpenCases);

/// <summary>
/// What importing a roster file would do. The file is the whole roster: <see cref="Left"/> are the current members it
/// does not name. Members in <see cref="Blocked"/> also stay listed in <see cref="Left"/> or <see cref="Changed"/>, so
/// a preview shows the whole change; the plan may be applied only with no errors and nobody blocked.
/// </summary>
public sealed record RosterPlan(int Rows, IReadOnlyList<RosterProblem> Errors, IReadOnlyList<MemberProfile> Added,
    IReadOnlyList<RosterChange> Changed, IReadOnlyList<MemberProfile> Left, IReadOnlyList<RosterBlock> Blocked)
{
    public bool MayApply => Errors.Count == 0 && Blocked.Count == 0;
}

/// <summary>
/// Checks a roster file's rows and compares them with the current roster. Columns (header names in Chinese or English,
/// any case): 编号/id, 姓名/name, 角色/role, 网格/gridId (required), 用工/employment (专职 when empty), 电话/phone
/// (optional); other columns are ignored, blank rows skipped. Every row is checked, so one preview lists every problem,
/// and the plan is built from the rows that are right.
/// </summary>
public static partial class RosterImport
{
    public const int MaxIdLength = 32;
    public const int MaxNameLength = 40;

    /// <summary>The lowest grid level a member may call home: a town or street (level 1), a village (2) or a block (3),
    /// never the city itself. The sample roster puts 督查员, 巡查员, 信息员 and 联络员 in towns, 网格长 in villages and
    /// 网格员 in villages and blocks, and the escalation ladder reaches a town's 网格长 and 督查员.</summary>
    public const int MinHomeGridLevel = 1;

    private sealed record Column(string Canonical, string Chinese, bool Required);

    private static readonly Column Id = new("id", "编号", true);
    private static readonly Column Name = new("name", "姓名", true);
    private static readonly Column Role = new("role", "角色", true);
    private static readonly Column Grid = new("gridId", "网格", true);
    private static readonly Column Work = new("employment", "用工", false);
    private static readonly Column Phone = new("phone", "电话", false);
    private static readonly Column[] Columns = [Id, Name, Role, Grid, Work, Phone];

    /// <summary>The Chinese word of each role, as the roster files and the export write it.</summary>
    public static readonly IReadOnlyDictionary<MemberRole, string> RoleWords = new Dictionary<MemberRole, string>
    {
        [MemberRole.GridLeader] = "网格长",
        [MemberRole.GridWorker] = "网格员",
        [MemberRole.Supervisor] = "督查员",
        [MemberRole.Informant] = "信息员",
        [MemberRole.Liaison] = "联络员",
        [MemberRole.Patroller] = "巡查员",
    };

    /// <summary>The Chinese word of each kind of employment.</summary>
    public static readonly IReadOnlyDictionary<Employment, string> EmploymentWords = new Dictionary<Employment, string>
    {
        [Employment.FullTime] = "专职",
        [Employment.PartTime] = "兼职",
    };

    /// <summary>The header of the roster's columns in Chinese, in order, as the export writes it.</summary>
    public static IReadOnlyList<string> ChineseHeader { get; } = Columns.Select(c => c.Chinese).ToArray();

    private static readonly string RoleChoices = string.Join(", ", RoleWords.Select(r => $"{r.Value} ({r.Key})"));

    public static RosterPlan Plan(IReadOnlyList<string> header, IReadOnlyList<RosterRow> rows, GridHierarchy grids,
        IReadOnlyCollection<MemberProfile> current, IReadOnlyDictionary<string, IReadOnlyList<string>> openCasesByMember)
    {
        var errors = new List<RosterProblem>();
        var headers = ReadHeader(header, errors);

        var read = new List<MemberProfile>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var row in rows.OrderBy(r => r.Row))
        {
            if (row.Cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            count++;
            var rowErrors = new List<RosterProblem>();
            var member = ReadRow(row, headers, grids, rowErrors);
            if (member.Id is { } id)
            {
                named.Add(id);
                if (firstRowOf.TryGetValue(id, out var earlier))
                    rowErrors.Add(new(row.Row, headers[Id]!, $"编号 {id} is already on row {earlier}: each member appears once, remove or renumber one of them."));
                else
                    firstRowOf[id] = row.Row;
            }
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0 && member.Profile is { } profile) read.Add(profile);
        }

        var before = current.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var added = read.Where(m => !before.ContainsKey(m.Id)).ToList();
        var changed = read.Where(m => before.TryGetValue(m.Id, out var was) && !Same(was, m))
            .Select(m => new RosterChange(before[m.Id], m)).ToList();
        // Without an id column nobody can be matched: nobody is taken to have left.
        var left = headers[Id] is null ? [] : current.Where(m => !named.Contains(m.Id)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();

        var blocked = left
            .Concat(changed.Where(c => c.Before.GridId != c.After.GridId).Select(c => c.Before))
            .Select(m => new RosterBlock(m.Id, m.Name, openCasesByMember.TryGetValue(m.Id, out var cases) ? cases : []))
            .Where(b => b.OpenCases.Count > 0)
            .OrderBy(b => b.MemberId, StringComparer.Ordinal)
            .ToList();

        var columnOrder = header.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var ordered = errors.OrderBy(e => e.Row).ThenBy(e => columnOrder.GetValueOrDefault(e.Column, int.MaxValue)).ToList();
        return new RosterPlan(count, ordered, added, changed, left, blocked);
    }

    /// <summary>The role named by a roster word: 网格长 … 巡查员, or the role's English name, any case.</summary>
    public static MemberRole? ParseRole(string text)
    {
        var word = text.Trim();
        foreach (var (role, chinese) in RoleWords)
            if (word == chinese || string.Equals(word, role.ToString(), StringComparison.OrdinalIgnoreCase)) return role;
        return null;
    }

    /// <summary>The employment named by a roster word: 专职, 兼职, FullTime or PartTime, any case.</summary>
    public static Employment? ParseEmployment(string text)
    {
        var word = text.Trim();
        foreach (var (employment, chinese) in EmploymentWords)
            if (word == chinese || string.Equals(word, employment.ToString(), StringComparison.OrdinalIgnoreCase)) return employment;
        return null;
    }

    /// <summary>An 11-digit mobile number (13912345678) or a landline of digits and '-' (0510-86801234).</summary>
    public static bool IsPhone(string text)
    {
        if (Mobile().IsMatch(text)) return true;
        if (!Landline().IsMatch(text)) return false;
        var digits = text.Count(char.IsAsciiDigit);
        // Digits alone starting with 1 are a mobile number with a digit too many or too few.
        return digits is >= 7 and <= 13 && !(text[0] == '1' && !text.Contains('-'));
    }

    private static Dictionary<Column, string?> ReadHeader(IReadOnlyList<string> header, List<RosterProblem> errors)
    {
        var found = Columns.ToDictionary(c => c, _ => (string?)null);
        foreach (var written in header)
        {
            var name = written.Trim().Trim('\uFEFF').Trim();
            var column = Columns.FirstOrDefault(c => string.Equals(name, c.Canonical, StringComparison.OrdinalIgnoreCase) || name == c.Chinese);
            if (column is null) continue;
            if (found[column] is { } first)
                errors.Add(new(1, written, $"The header names the {column.Chinese} ({column.Canonical}) column twice ('{first}' and '{written}'): keep one of them."));
            else
                found[column] = written;
        }
        foreach (var column in Columns.Where(c => c.Required && found[c] is null))
            errors.Add(new(1, column.Canonical, $"The file has no {column.Chinese} ({column.Canonical}) column: add a column headed {column.Chinese} or {column.Canonical}."));
        return found;
    }

    private sealed record ReadMember(string? Id, MemberProfile? Profile);

    private static ReadMember ReadRow(RosterRow row, Dictionary<Column, string?> headers, GridHierarchy grids, List<RosterProblem> errors)
    {
        var complete = true;
        string? Cell(Column column)
        {
            if (headers[column] is not { } written) { complete &= !column.Required; return null; }
            return row.Cells.TryGetValue(written, out var value) ? value.Trim() : "";
        }
        void Problem(Column column, string message) => errors.Add(new(row.Row, headers[column]!, message));

        var id = Cell(Id);
        var name = Cell(Name);
        var roleText = Cell(Role);
        var gridId = Cell(Grid);
        var workText = Cell(Work);
        var phone = Cell(Phone);

        string? validId = null;
        if (id is not null)
        {
            if (id.Length == 0) Problem(Id, $"编号 is empty: give the member's id (letters, digits, '-' or '_', at most {MaxIdLength}).");
            else if (id.Length > MaxIdLength || !IdPattern().IsMatch(id))
                Problem(Id, $"编号 '{id}' is not an id: use only letters, digits, '-' or '_', at most {MaxIdLength} of them.");
            else validId = id;
        }

        if (name is not null)
        {
            if (name.Length == 0) Problem(Name, "姓名 is empty: give the member's name.");
            else if (name.Any(char.IsControl)) Problem(Name, "姓名 holds a line break or another control character: write the name on one line.");
            else if (new StringInfo(name).LengthInTextElements > MaxNameLength)
                Problem(Name, $"姓名 is {new StringInfo(name).LengthInTextElements} characters long: a name has at most {MaxNameLength}.");
        }

        MemberRole? role = null;
        if (roleText is not null)
        {
            role = ParseRole(roleText);
            if (roleText.Length == 0) Problem(Role, $"角色 is empty: write one of {RoleChoices}.");
            else if (role is null) Problem(Role, $"角色 '{roleText}' is not a role: write one of {RoleChoices}.");
        }

        if (gridId is not null)
        {
            var grid = gridId.Length == 0 ? null : grids.Find(gridId);
            if (gridId.Length == 0) Problem(Grid, "网格 is empty: give the id of the member's home grid (e.g. JY01-01).");
            else if (grid is null) Problem(Grid, $"网格 '{gridId}' is not a grid of this city: give the id of a town, village or block grid as the grid list writes it.");
            else if (grid.Level < MinHomeGridLevel)
                Problem(Grid, $"网格 '{gridId}' is the whole city ({grid.Name}): a member's home grid is a town, village or block grid below it.");
        }

        var employment = Employment.FullTime;
        if (!string.IsNullOrEmpty(workText))
        {
            if (ParseEmployment(workText) is { } parsed) employment = parsed;
            else Problem(Work, $"用工 '{workText}' is not a kind of employment: write 专职 (FullTime) or 兼职 (PartTime), or leave it empty for 专职.");
        }

        if (!string.IsNullOrEmpty(phone) && !IsPhone(phone))
            Problem(Phone, $"电话 '{phone}' is not a phone number: write an 11-digit mobile number (13912345678) or a landline of digits and '-' (0510-86801234), or leave it empty.");

        var profile = complete && validId is not null && role is { } r
            ? new MemberProfile(validId, name!, r, gridId!, employment, string.IsNullOrEmpty(phone) ? null : phone)
            : null;
        return new ReadMember(id is { Length: > 0 } ? id : null, profile);
    }

    private static bool Same(MemberProfile a, MemberProfile b) =>
        a.Name == b.Name && a.Role == b.Role && a.GridId == b.GridId && a.Employment == b.Employment
        && (string.IsNullOrEmpty(a.Phone) ? null : a.Phone) == (string.IsNullOrEmpty(b.Phone) ? null : b.Phone);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^1[0-9]{10}$")]
    private static partial Regex Mobile();

    [GeneratedRegex("^[0-9]+(-[0-9]+)*$")]
    private static partial Regex Landline();
}
