using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Grains.Members;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Members;

/// <summary>
/// The roster file is the whole roster: its rows are checked cell by cell (every problem names its row, its column as
/// the file wrote it, and what would be right), and compared with the current members: new ids are added, members whose
/// details differ changed, members the file no longer names have left; one who leaves or moves grid with open cases
/// blocks the import until they are re-dispatched.
/// </summary>
[Trait("Category", "Unit")]
public class RosterImportTests
{
    private static readonly string[] Chinese = ["编号", "姓名", "角色", "网格", "用工", "电话"];

    // Grids of the sample city: JY01 澄江街道 (town), JY01-01 城中社区 (village), JY01-01-01 its first block.
    private static readonly MemberProfile Leader = new("M00010", "吴怡金", MemberRole.GridLeader, "JY01-01", Employment.FullTime, "13967604618");
    private static readonly MemberProfile Worker = new("M00011", "郝福", MemberRole.GridWorker, "JY01-01-01", Employment.FullTime, "13909830969");
    private static readonly MemberProfile Informant = new("M00006", "顾娟荣", MemberRole.Informant, "JY01", Employment.PartTime, null);
    private static readonly MemberProfile Liaison = new("M00008", "毛俊慧", MemberRole.Liaison, "JY01", Employment.PartTime, "0510-86801234");
    private static readonly MemberProfile[] Team = [Leader, Worker, Informant, Liaison];

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoOpenCases = new Dictionary<string, IReadOnlyList<string>>();

    private static RosterRow Row(int row, IReadOnlyList<string> header, params string[] cells) =>
        new(row, header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(x => x.h, x => x.v));

    private static string[] CellsOf(MemberProfile m) =>
        [m.Id, m.Name, RosterImport.RoleWords[m.Role], m.GridId, RosterImport.EmploymentWords[m.Employment], m.Phone ?? ""];

    private static List<RosterRow> RowsOf(IEnumerable<MemberProfile> members) =>
        members.Select((m, i) => Row(i + 2, Chinese, CellsOf(m))).ToList();

    private static RosterPlan Plan(IReadOnlyList<string> header, IReadOnlyList<RosterRow> rows, IReadOnlyCollection<MemberProfile>? current = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? open = null) =>
        RosterImport.Plan(header, rows, SampleCity.Hierarchy, current ?? Team, open ?? NoOpenCases);

    private static void ShouldChangeNothing(RosterPlan plan)
    {
        plan.Errors.Should().BeEmpty();
        plan.Added.Should().BeEmpty();
        plan.Changed.Should().BeEmpty();
        plan.Left.Should().BeEmpty();
        plan.Blocked.Should().BeEmpty();
        plan.MayApply.Should().BeTrue();
    }

    [Fact]
    public void Importing_the_current_roster_again_changes_nothing()
    {
        var plan = Plan(Chinese, RowsOf(Team));

        ShouldChangeNothing(plan);
        plan.Rows.Should().Be(Team.Length);
    }

    [Fact]
    public void Importing_the_sample_roster_against_itself_changes_nothing()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var sample = JsonSerializer.Deserialize<List<MemberProfile>>(File.ReadAllText(Jiangyin.SampleFile("roster.json")), options)!;
        string[] english = ["id", "name", "role", "gridId", "employment", "phone"];
        var rows = sample.Select((m, i) => Row(i + 2, english, m.Id, m.Name, m.Role.ToString(), m.GridId, m.Employment.ToString(), m.Phone ?? "")).ToList();

        var plan = RosterImport.Plan(english, rows, SampleCity.Hierarchy, sample, NoOpenCases);

        ShouldChangeNothing(plan);
        plan.Rows.Should().Be(sample.Count);
    }

    [Fact]
    public void English_headers_in_any_case_and_the_roles_english_names_are_read()
    {
        string[] header = [" ID ", "Name", "ROLE", "gridid", "Employment", "PHONE"];
        var rows = new[]
        {
            Row(2, header, "P1", "新人甲", "gridLeader", "JY01-02", "PartTime", "13900000001"),
            Row(3, header, "P2", "新人乙", "Patroller", "JY01", "fulltime", ""),
        };

        var plan = Plan(header, rows, current: []);

        plan.Errors.Should().BeEmpty();
        plan.Added.Should().Equal(
            new MemberProfile("P1", "新人甲", MemberRole.GridLeader, "JY01-02", Employment.PartTime, "13900000001"),
            new MemberProfile("P2", "新人乙", MemberRole.Patroller, "JY01", Employment.FullTime, null));
    }

    [Fact]
    public void Every_role_and_employment_word_is_read()
    {
        foreach (var (role, word) in RosterImport.RoleWords)
        {
            RosterImport.ParseRole(word).Should().Be(role);
            RosterImport.ParseRole(role.ToString().ToUpperInvariant()).Should().Be(role);
        }
        RosterImport.ParseEmployment("专职").Should().Be(Employment.FullTime);
        RosterImport.ParseEmployment(" 兼职 ").Should().Be(Employment.PartTime);
        RosterImport.ParseRole("1").Should().BeNull("a number is not a role");
        RosterImport.ParseEmployment("0").Should().BeNull("a number is not a kind of employment");
    }

    [Fact]
    public void New_ids_are_added_differing_members_changed_and_members_the_file_does_not_name_have_left()
    {
        var moved = Worker with { GridId = "JY01-01-02", Phone = "13800000000" };
        var newcomer = new MemberProfile("M09999", "新网格员", MemberRole.GridWorker, "JY01-02", Employment.PartTime, null);

        var plan = Plan(Chinese, RowsOf([Leader, moved, Liaison, newcomer]));

        plan.Errors.Should().BeEmpty();
        plan.Added.Should().Equal(newcomer);
        plan.Changed.Should().Equal(new RosterChange(Worker, moved));
        plan.Left.Should().Equal(Informant);
        plan.Blocked.Should().BeEmpty();
        plan.MayApply.Should().BeTrue();
    }

    public static TheoryData<string, MemberProfile> Differences() => new()
    {
        { "name", Leader with { Name = "吴怡" } },
        { "role", Leader with { Role = MemberRole.GridWorker } },
        { "grid", Leader with { GridId = "JY01-02" } },
        { "employment", Leader with { Employment = Employment.PartTime } },
        { "phone", Leader with { Phone = "0510-86800000" } },
        { "phone taken away", Leader with { Phone = null } },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void A_member_whose_details_differ_is_changed(string what, MemberProfile after)
    {
        var plan = Plan(Chinese, RowsOf(Team.Select(m => m.Id == Leader.Id ? after : m)));

        plan.Changed.Should().Equal([new RosterChange(Leader, after)], what);
        plan.Added.Should().BeEmpty();
        plan.Left.Should().BeEmpty();
    }

    [Fact]
    public void Employment_and_phone_may_be_left_out()
    {
        string[] header = ["编号", "姓名", "角色", "网格"];
        var rows = new[] { Row(2, header, "N1", "新人", "网格员", "JY01-01-01") };
        string[] withEmpty = ["编号", "姓名", "角色", "网格", "用工", "电话"];
        var rowsWithEmpty = new[] { Row(2, withEmpty, "N1", "新人", "网格员", "JY01-01-01", " ", "") };

        var expected = new MemberProfile("N1", "新人", MemberRole.GridWorker, "JY01-01-01", Employment.FullTime, null);
        Plan(header, rows, current: []).Added.Should().Equal(expected);
        Plan(withEmpty, rowsWithEmpty, current: []).Added.Should().Equal(expected);
    }

    [Fact]
    public void A_home_grid_may_be_a_town_a_village_or_a_block_as_in_the_sample_roster()
    {
        var rows = new[]
        {
            Row(2, Chinese, "T1", "镇督查员", "督查员", "JY01"),
            Row(3, Chinese, "T2", "村网格长", "网格长", "JY01-01"),
            Row(4, Chinese, "T3", "片区网格员", "网格员", "JY01-01-01"),
        };

        var plan = Plan(Chinese, rows, current: []);

        plan.Errors.Should().BeEmpty();
        plan.Added.Select(m => m.GridId).Should().Equal("JY01", "JY01-01", "JY01-01-01");
    }

    public static TheoryData<int, string, string, string> BadCells() => new()
    {
        // column index, cell, the column's header, a gist of the message
        { 0, "", "编号", "编号 is empty" },
        { 0, "M 01", "编号", "letters, digits, '-' or '_'" },
        { 0, "张三", "编号", "letters, digits, '-' or '_'" },
        { 0, new string('A', 33), "编号", "at most 32" },
        { 1, "", "姓名", "姓名 is empty" },
        { 1, new string('名', 41), "姓名", "at most 40" },
        { 1, "张\n三", "姓名", "write the name on one line" },
        { 2, "", "角色", "网格长 (GridLeader)" },
        { 2, "组长", "角色", "'组长' is not a role: write one of 网格长 (GridLeader), 网格员 (GridWorker), 督查员 (Supervisor), 信息员 (Informant), 联络员 (Liaison), 巡查员 (Patroller)" },
        { 3, "", "网格", "网格 is empty" },
        { 3, "JY99-01", "网格", "'JY99-01' is not a grid of this city" },
        { 3, "JY", "网格", "is the whole city (江阴市): a member's home grid is a town, village or block grid" },
        { 4, "临时工", "用工", "write 专职 (FullTime) or 兼职 (PartTime)" },
        { 5, "1390000000", "电话", "11-digit mobile number" },
        { 5, "139000000001", "电话", "11-digit mobile number" },
        { 5, "+8613900000000", "电话", "11-digit mobile number" },
        { 5, "0510-8680abcd", "电话", "a landline of digits and '-'" },
        { 5, "0510--86801234", "电话", "a landline of digits and '-'" },
        { 5, "12345", "电话", "a landline of digits and '-'" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void A_wrong_cell_is_an_error_naming_its_row_its_column_and_what_would_be_right(int column, string cell, string header, string gist)
    {
        var cells = CellsOf(new MemberProfile("N1", "新人", MemberRole.GridWorker, "JY01-01-01", Employment.FullTime, "13900000001"));
        cells[column] = cell;
        var rows = new[] { Row(2, Chinese, CellsOf(Leader)), Row(3, Chinese, cells) };

        var plan = Plan(Chinese, rows, current: [Leader]);

        plan.Errors.Should().ContainSingle();
        plan.Errors[0].Row.Should().Be(3);
        plan.Errors[0].Column.Should().Be(header);
        plan.Errors[0].Message.Should().Contain(gist);
        plan.Added.Should().BeEmpty("a row with an error is not imported");
        plan.MayApply.Should().BeFalse();
    }

    [Theory]
    [InlineData("13912345678")]
    [InlineData("0510-86801234")]
    [InlineData("051086801234")]
    [InlineData("86801234")]
    [InlineData("400-820-8820")]
    public void Mobile_numbers_and_landlines_are_phone_numbers(string phone)
    {
        var rows = new[] { Row(2, Chinese, "N1", "新人", "网格员", "JY01-01-01", "专职", phone) };

        var plan = Plan(Chinese, rows, current: []);

        plan.Errors.Should().BeEmpty();
        plan.Added.Single().Phone.Should().Be(phone);
    }

    [Fact]
    public void Every_error_of_a_row_is_reported_and_the_column_is_named_as_the_file_wrote_it()
    {
        string[] header = ["ID", " Name ", "Role", "GridId", "Employment", "Phone"];
        var rows = new[] { Row(7, header, "", "", "boss", "JY99", "sometimes", "12") };

        var plan = Plan(header, rows, current: []);

        plan.Errors.Select(e => (e.Row, e.Column)).Should().Equal(
            (7, "ID"), (7, " Name "), (7, "Role"), (7, "GridId"), (7, "Employment"), (7, "Phone"));
    }

    [Fact]
    public void A_missing_required_column_is_one_error_on_the_header_row()
    {
        string[] header = ["编号", "姓名", "网格", "用工", "电话"];
        var rows = Team.Select((m, i) => Row(i + 2, header, m.Id, m.Name, m.GridId, "专职", "")).ToList();

        var plan = Plan(header, rows);

        plan.Errors.Should().Equal(new RosterProblem(1, "role", "The file has no 角色 (role) column: add a column headed 角色 or role."));
        plan.Added.Should().BeEmpty();
        plan.Changed.Should().BeEmpty();
        plan.Left.Should().BeEmpty("every member is named in the file");
        plan.MayApply.Should().BeFalse();
    }

    [Fact]
    public void Without_an_id_column_nobody_is_taken_to_have_left()
    {
        string[] header = ["姓名", "角色", "网格"];
        var rows = new[] { Row(2, header, "新人", "网格员", "JY01-01-01") };

        var plan = Plan(header, rows);

        plan.Errors.Should().ContainSingle().Which.Should().Be(new RosterProblem(1, "id", "The file has no 编号 (id) column: add a column headed 编号 or id."));
        plan.Left.Should().BeEmpty();
        plan.Blocked.Should().BeEmpty();
    }

    [Fact]
    public void Every_missing_required_column_is_named()
    {
        var plan = Plan(["备注"], [Row(2, ["备注"], "x")]);

        plan.Errors.Select(e => (e.Row, e.Column)).Should().Equal((1, "id"), (1, "name"), (1, "role"), (1, "gridId"));
    }

    [Fact]
    public void A_column_named_twice_is_an_error()
    {
        string[] header = ["编号", "姓名", "角色", "网格", "role"];
        var plan = Plan(header, [Row(2, header, "N1", "新人", "网格员", "JY01-01-01", "网格长")], current: []);

        plan.Errors.Should().ContainSingle().Which.Should().Match<RosterProblem>(e => e.Row == 1 && e.Column == "role" && e.Message.Contains("twice"));
    }

    [Fact]
    public void A_duplicate_id_is_an_error_on_the_later_row_naming_the_earlier_one()
    {
        var rows = new[]
        {
            Row(2, Chinese, CellsOf(Leader)),
            Row(3, Chinese, CellsOf(Worker)),
            Row(4, Chinese, CellsOf(Leader with { Name = "另一人" })),
        };

        var plan = Plan(Chinese, rows, current: [Worker]);

        plan.Errors.Should().ContainSingle();
        plan.Errors[0].Should().Match<RosterProblem>(e => e.Row == 4 && e.Column == "编号" && e.Message.Contains("M00010") && e.Message.Contains("row 2"));
        plan.Added.Should().Equal(Leader);
    }

    [Fact]
    public void Unknown_columns_are_ignored_and_empty_rows_skipped()
    {
        string[] header = ["备注", "编号", "姓名", "角色", "网格", "用工", "电话", "Remarks"];
        var rows = new List<RosterRow>();
        var line = 2;
        foreach (var m in Team)
        {
            rows.Add(Row(line++, header, ["随便写", .. CellsOf(m), "anything"]));
            rows.Add(Row(line++, header, "", " ", "", "", "", "", "", ""));
        }

        var plan = Plan(header, rows);

        ShouldChangeNothing(plan);
        plan.Rows.Should().Be(Team.Length, "blank rows are not counted");
    }

    [Fact]
    public void A_member_on_a_row_with_errors_has_not_left()
    {
        var cells = CellsOf(Leader);
        cells[5] = "not a phone";
        var rows = RowsOf(Team.Where(m => m != Leader)).Append(Row(9, Chinese, cells)).ToList();

        var plan = Plan(Chinese, rows);

        plan.Errors.Should().ContainSingle().Which.Row.Should().Be(9);
        plan.Left.Should().BeEmpty();
        plan.Changed.Should().BeEmpty();
    }

    [Fact]
    public void Errors_and_the_plan_of_the_right_rows_are_both_given()
    {
        var newcomer = new MemberProfile("M09999", "新网格员", MemberRole.GridWorker, "JY01-02", Employment.PartTime, null);
        var bad = CellsOf(newcomer with { Id = "M09998" });
        bad[3] = "nowhere";
        var rows = RowsOf([Leader, Worker, Liaison, newcomer]);
        rows.Add(Row(rows.Count + 2, Chinese, bad));

        var plan = Plan(Chinese, rows);

        plan.Errors.Should().ContainSingle().Which.Column.Should().Be("网格");
        plan.Added.Should().Equal(newcomer);
        plan.Left.Should().Equal(Informant);
        plan.MayApply.Should().BeFalse();
    }

    [Fact]
    public void A_member_who_leaves_with_open_cases_is_blocked()
    {
        var open = new Dictionary<string, IReadOnlyList<string>> { [Informant.Id] = ["I-1", "I-2"], [Leader.Id] = [] };

        var plan = Plan(Chinese, RowsOf([Worker, Liaison]), open: open);

        plan.Errors.Should().BeEmpty();
        plan.Left.Should().Equal(Informant, Leader);
        plan.Blocked.Should().BeEquivalentTo([new RosterBlock(Informant.Id, Informant.Name, ["I-1", "I-2"])], o => o.WithStrictOrdering());
        plan.MayApply.Should().BeFalse();
    }

    [Fact]
    public void A_member_who_moves_grid_with_open_cases_is_blocked_other_changes_are_not()
    {
        var open = new Dictionary<string, IReadOnlyList<string>> { [Worker.Id] = ["I-7"], [Leader.Id] = ["I-8"] };
        var moved = Worker with { GridId = "JY01-01-02" };
        var renamed = Leader with { Name = "吴怡", Phone = "13900000000", Employment = Employment.PartTime };

        var plan = Plan(Chinese, RowsOf([renamed, moved, Informant, Liaison]), open: open);

        plan.Changed.Should().Equal(new RosterChange(Leader, renamed), new RosterChange(Worker, moved));
        plan.Blocked.Should().BeEquivalentTo([new RosterBlock(Worker.Id, Worker.Name, ["I-7"])], o => o.WithStrictOrdering());
        plan.MayApply.Should().BeFalse();
    }
}
