using System.Text;
using CommandCenter.Grains.Members;
using CommandCenter.Members;
using CommandCenter.Samples;
using CommandCenter.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace CommandCenter.Tests.Members;

/// <summary>
/// Roster files as people make them: CSV in UTF-8 (with or without its mark) or in GBK as Excel in China saves it, and
/// XLSX with numbers typed as numbers; the export reads back as the same roster; a file that is not a spreadsheet, or
/// is beyond the limits, is refused with a message a person can act on.
/// </summary>
[Trait("Category", "Unit")]
public class RosterSheetTests
{
    static RosterSheetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string[] Chinese = ["编号", "姓名", "角色", "网格", "用工", "电话"];

    private static readonly MemberProfile[] Team =
    [
        new("M00010", "吴怡金", MemberRole.GridLeader, "JY01-01", Employment.FullTime, "13967604618"),
        new("M00011", "郝福", MemberRole.GridWorker, "JY01-01-01", Employment.PartTime, null),
        new("M00008", "毛, \"俊\"慧", MemberRole.Liaison, "JY01", Employment.PartTime, "0510-86801234"),
        new("M00006", "=1+2", MemberRole.Informant, "JY01", Employment.FullTime, "13900000001"),
    ];

    private const string Csv = "编号,姓名,角色,网格,用工,电话\r\nM1,张三,网格员,JY01-01-01,专职,13900000001\r\nM2,\"李,\"\"四\"\"\",网格长,JY01-01,兼职,\r\n";

    private static RosterSheet.Sheet Read(byte[] bytes, string name) => RosterSheet.Read(new MemoryStream(bytes), name);

    private static void ShouldBeTheSmallCsv(RosterSheet.Sheet sheet)
    {
        sheet.Header.Should().Equal(Chinese);
        sheet.Rows.Select(r => r.Row).Should().Equal(2, 3);
        sheet.Rows[0].Cells.Should().Equal(new Dictionary<string, string>
        {
            ["编号"] = "M1", ["姓名"] = "张三", ["角色"] = "网格员", ["网格"] = "JY01-01-01", ["用工"] = "专职", ["电话"] = "13900000001",
        });
        sheet.Rows[1].Cells["姓名"].Should().Be("李,\"四\"");
        sheet.Rows[1].Cells["电话"].Should().BeEmpty();
    }

    private static RosterPlan PlanAgainst(RosterSheet.Sheet sheet, IReadOnlyCollection<MemberProfile> current) =>
        RosterImport.Plan(sheet.Header, sheet.Rows, SampleCity.Hierarchy, current, new Dictionary<string, IReadOnlyList<string>>());

    private static void ShouldChangeNothing(RosterPlan plan, int rows)
    {
        plan.Errors.Should().BeEmpty();
        plan.Added.Should().BeEmpty();
        plan.Changed.Should().BeEmpty();
        plan.Left.Should().BeEmpty();
        plan.Blocked.Should().BeEmpty();
        plan.Rows.Should().Be(rows);
    }

    [Fact]
    public void A_utf8_csv_is_read_with_its_quoted_fields()
    {
        ShouldBeTheSmallCsv(Read(Encoding.UTF8.GetBytes(Csv), "roster.csv"));
    }

    [Fact]
    public void A_utf8_csv_with_a_byte_order_mark_is_read_without_the_mark()
    {
        ShouldBeTheSmallCsv(Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Csv)], "Roster.CSV"));
    }

    [Fact]
    public void A_gbk_csv_as_excel_in_china_saves_it_is_read()
    {
        ShouldBeTheSmallCsv(Read(Encoding.GetEncoding("GBK").GetBytes(Csv), "花名册.csv"));
    }

    [Fact]
    public void The_csv_export_saved_again_as_gbk_reads_back_as_the_same_roster()
    {
        var exported = RosterSheet.WriteCsv(Team);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(Encoding.UTF8.GetString(exported).TrimStart('\uFEFF'));

        var sheet = Read(gbk, "roster.csv");

        sheet.Should().BeEquivalentTo(Read(exported, "roster.csv"));
        ShouldChangeNothing(PlanAgainst(sheet, Team), Team.Length);
    }

    [Fact]
    public void Rows_are_numbered_as_a_spreadsheet_numbers_them()
    {
        var csv = "id,name\r\n\"A\",\"two\r\nlines\"\r\n\r\nB,x\r\n";

        var sheet = Read(Encoding.UTF8.GetBytes(csv), "roster.csv");

        sheet.Rows.Where(r => r.Cells.Values.Any(v => v.Length > 0)).Select(r => (r.Row, r.Cells["id"])).Should().Equal((2, "A"), (4, "B"));
        sheet.Rows[0].Cells["name"].Should().Be("two\r\nlines");
    }

    [Fact]
    public void The_csv_export_is_utf8_with_its_mark_the_chinese_header_and_chinese_words()
    {
        var bytes = RosterSheet.WriteCsv(Team);

        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        lines[0].Should().Be("编号,姓名,角色,网格,用工,电话");
        lines[1].Should().Be("M00010,吴怡金,网格长,JY01-01,专职,13967604618");
        lines[2].Should().Be("M00011,郝福,网格员,JY01-01-01,兼职,");
        lines[4].Should().StartWith("M00006,\"'=1+2\",", "a name that starts like a formula is shown as text, never run");
    }

    [Fact]
    public void The_csv_export_reads_back_as_the_same_roster()
    {
        var sheet = Read(RosterSheet.WriteCsv(Team), "roster.csv");

        sheet.Header.Should().Equal(Chinese);
        sheet.Rows.Select(r => r.Cells["姓名"]).Should().Equal(Team.Select(m => m.Name));
        ShouldChangeNothing(PlanAgainst(sheet, Team), Team.Length);
    }

    [Fact]
    public void The_xlsx_export_reads_back_as_the_same_cells_as_the_csv_export()
    {
        var xlsx = Read(RosterSheet.WriteXlsx(Team), "roster.XLSX");
        var csv = Read(RosterSheet.WriteCsv(Team), "roster.csv");

        xlsx.Header.Should().Equal(Chinese);
        xlsx.Rows.Should().BeEquivalentTo(csv.Rows, o => o.WithStrictOrdering());
        ShouldChangeNothing(PlanAgainst(xlsx, Team), Team.Length);
    }

    [Fact]
    public void Numbers_typed_as_numbers_in_a_workbook_read_as_their_digits()
    {
        var bytes = Workbook(
            ["编号", "姓名", "角色", "网格", "用工", "电话"],
            [1001, "张三", "网格员", "JY01-01-01", "专职", 13912345678],
            [1002.0, "李四", "网格员", "JY01-01-01", "专职", "1.3912345679E10"]);

        var sheet = Read(bytes, "roster.xlsx");

        sheet.Rows.Select(r => (r.Cells["编号"], r.Cells["电话"])).Should().Equal(("1001", "13912345678"), ("1002", "13912345679"));
        var plan = RosterImport.Plan(sheet.Header, sheet.Rows, SampleCity.Hierarchy, [], new Dictionary<string, IReadOnlyList<string>>());
        plan.Errors.Should().BeEmpty();
        plan.Added.Select(m => m.Phone).Should().Equal("13912345678", "13912345679");
    }

    [Fact]
    public void A_workbook_row_keeps_its_sheet_row_number_and_blank_rows_are_left_out()
    {
        var bytes = Workbook(["编号", "姓名"], ["A", "甲"], [], ["B", "乙"]);

        var sheet = Read(bytes, "roster.xlsx");

        sheet.Rows.Select(r => (r.Row, r.Cells["编号"])).Should().Equal((2, "A"), (4, "B"));
    }

    [Fact]
    public void The_sample_roster_exported_as_csv_and_as_xlsx_reads_back_as_itself()
    {
        var sample = RosterFile.Read(Path.Combine(Repo.SampleCity, "roster.json"));

        foreach (var (bytes, name) in new[] { (RosterSheet.WriteCsv(sample), "roster.csv"), (RosterSheet.WriteXlsx(sample), "roster.xlsx") })
            ShouldChangeNothing(PlanAgainst(Read(bytes, name), sample), sample.Count);
    }

    public static TheoryData<byte[], string, string> NotSpreadsheets() => new()
    {
        { [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "photo.xlsx", "not a readable Excel workbook" },
        { [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0], "roster.xlsx", "not a readable Excel workbook" },
        { [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "roster.xlsx", "old Excel 97-2003 workbook (.xls)" },
        { [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "photo.csv", "not a CSV text file" },
        { [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0], "roster.csv", "an Excel workbook named .csv" },
        { Encoding.UTF8.GetBytes("编号,姓名\r\n\"M1,张三\r\n"), "roster.csv", "Row 2 of the file is not valid CSV" },
        { Encoding.UTF8.GetBytes("编号,姓名\r\n"), "roster.xls", "A '.xls' file cannot be read. Send the roster as a .csv or .xlsx file" },
        { Encoding.UTF8.GetBytes("编号,姓名\r\n"), "roster", "no extension" },
        { [], "roster.csv", "The file is empty" },
    };

    [Theory]
    [MemberData(nameof(NotSpreadsheets))]
    public void A_file_that_is_not_a_readable_spreadsheet_is_refused_in_plain_words(byte[] bytes, string name, string gist)
    {
        var read = () => Read(bytes, name);

        var refusal = read.Should().ThrowExactly<InvalidDataException>().Which;
        refusal.Message.Should().Contain(gist);
        refusal.Message.Should().NotContain("Exception").And.NotContain("/").And.NotContain("DocumentFormat").And.NotContain("CsvHelper");
    }

    [Fact]
    public void A_workbook_whose_first_sheet_is_a_chart_or_empty_is_refused()
    {
        var read = () => Read(Workbook(), "roster.xlsx");

        read.Should().ThrowExactly<InvalidDataException>().WithMessage("*first sheet is empty*");
    }

    [Fact]
    public void More_rows_than_a_roster_may_have_are_refused_naming_the_limit()
    {
        var csv = new StringBuilder("编号,姓名\r\n");
        for (var i = 0; i <= RosterSheet.MaxRows; i++) csv.Append("M").Append(i).Append(",某人\r\n");
        var read = () => Read(Encoding.UTF8.GetBytes(csv.ToString()), "roster.csv");

        read.Should().ThrowExactly<InvalidDataException>().WithMessage("*more than 20,000 rows*");

        var atLimit = Read(Encoding.UTF8.GetBytes(string.Join("\r\n", csv.ToString().Split("\r\n").SkipLast(2))), "roster.csv");
        atLimit.Rows.Should().HaveCount(RosterSheet.MaxRows);
    }

    [Fact]
    public void A_cell_longer_than_the_limit_is_refused_naming_its_row_column_and_the_limit()
    {
        var name = new string('名', RosterSheet.MaxCellLength + 1);
        var csv = () => Read(Encoding.UTF8.GetBytes($"编号,姓名\r\nM1,甲\r\nM2,{name}\r\n"), "roster.csv");
        var xlsx = () => Read(Workbook(["编号", "姓名"], ["M1", "甲"], ["M2", name]), "roster.xlsx");

        csv.Should().ThrowExactly<InvalidDataException>().WithMessage("Row 3, column 姓名: the cell holds 201 characters, more than the 200 a cell may hold.");
        xlsx.Should().ThrowExactly<InvalidDataException>().WithMessage("Row 3, column 姓名: *200*");
        Read(Encoding.UTF8.GetBytes($"编号,姓名\r\nM1,{name[1..]}\r\n"), "roster.csv").Rows.Should().ContainSingle();
    }

    [Fact]
    public void A_file_larger_than_a_roster_can_be_is_refused_naming_the_limit()
    {
        var read = () => Read(new byte[RosterSheet.MaxFileBytes + 1], "roster.csv");

        read.Should().ThrowExactly<InvalidDataException>().WithMessage("The file is larger than 16 MB*");
    }

    /// <summary>A workbook as Excel writes one: text in the shared string table, numbers as numbers (a string that
    /// looks like a number is written as that number's text, as Excel stores 1.3912345679E10).</summary>
    private static byte[] Workbook(params object[][] rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new X.SharedStringTable();
            var texts = new List<string>();
            var data = new X.SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r].Length == 0) continue;
                var row = new X.Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.AppendChild(rows[r][c] switch
                    {
                        string s when double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _) =>
                            new X.Cell { CellReference = reference, CellValue = new X.CellValue(s) },
                        string s => new X.Cell { CellReference = reference, DataType = X.CellValues.SharedString, CellValue = new X.CellValue(Index(texts, s)) },
                        var number => new X.Cell { CellReference = reference, CellValue = new X.CellValue(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture)) },
                    });
                }
                data.AppendChild(row);
            }
            foreach (var text in texts) strings.SharedStringTable.AppendChild(new X.SharedStringItem(new X.Text(text)));
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new X.Worksheet(data);
            workbook.Workbook.AppendChild(new X.Sheets(new X.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Sheet1" }));
        }
        return output.ToArray();
    }

    private static int Index(List<string> texts, string text)
    {
        var i = texts.IndexOf(text);
        if (i >= 0) return i;
        texts.Add(text);
        return texts.Count - 1;
    }
}
