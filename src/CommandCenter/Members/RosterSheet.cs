using System.Globalization;
using System.Text;
using System.Xml;
using CommandCenter.Grains.Members;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace CommandCenter.Members;

/// <summary>
/// The roster as a spreadsheet file, read and written: CSV (UTF-8 with or without a byte order mark, or GB18030/GBK as
/// Excel in China saves it; comma separated, quoted fields) or XLSX (the first worksheet, its first row the header, cells
/// as they are shown). Only the file format lives here; what the rows mean is <see cref="RosterImport"/>'s.
/// </summary>
public static class RosterSheet
{
    public sealed record Sheet(IReadOnlyList<string> Header, IReadOnlyList<RosterRow> Rows);

    public const int MaxRows = 20_000;
    public const int MaxCellLength = 200;
    public const int MaxFileBytes = 16 * 1024 * 1024;
    private const long MaxCharactersInPart = 64L * 1024 * 1024;

    private const string WhatToSend = "Send the roster as a .csv or .xlsx file, its first row naming the columns (编号, 姓名, 角色, 网格, 用工, 电话).";
    private const string UnreadableWorkbook = "The file is not a readable Excel workbook (.xlsx): open it in Excel and save it again as 'Excel Workbook (*.xlsx)' or as 'CSV UTF-8'.";

    static RosterSheet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads a roster file by its extension, .csv or .xlsx (any case).</summary>
    /// <exception cref="InvalidDataException">The file is not a readable CSV or XLSX, or is beyond a limit; the message says what to do.</exception>
    public static Sheet Read(Stream file, string fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
            throw new InvalidDataException(extension.Length == 0
                ? $"The file's name has no extension. {WhatToSend}"
                : $"A '{extension}' file cannot be read. {WhatToSend}");
        var bytes = ReadAll(file);
        if (bytes.Length == 0) throw new InvalidDataException($"The file is empty. {WhatToSend}");
        try
        {
            return extension == ".csv" ? ReadCsv(bytes) : ReadXlsx(bytes);
        }
        catch (Refusal refusal)
        {
            throw new InvalidDataException(refusal.Message);
        }
    }

    /// <summary>The roster as CSV: UTF-8 with a byte order mark (so Excel shows the Chinese right), the Chinese header
    /// and the Chinese words for roles and employment. Text that starts like a formula is prefixed with ', which
    /// <see cref="Read"/> takes off again.</summary>
    public static byte[] WriteCsv(IEnumerable<MemberProfile> members)
    {
        var options = CsvWriterOptions.Default with
        {
            Injection = CsvInjection.Escape,
            WriteByteOrderMark = true,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, options, leaveOpen: true))
        {
            writer.WriteHeader(RosterImport.ChineseHeader.ToArray());
            foreach (var member in members)
            {
                foreach (var cell in CellsOf(member)) writer.WriteField(cell);
                writer.EndRecord();
            }
        }
        return output.ToArray();
    }

    /// <summary>The roster as an XLSX workbook of one worksheet (花名册): the Chinese header, then one row a member,
    /// every cell text (so a phone number keeps its digits).</summary>
    public static byte[] WriteXlsx(IEnumerable<MemberProfile> members)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new X.SheetData();
            uint row = 1;
            data.AppendChild(TextRow(row++, RosterImport.ChineseHeader));
            foreach (var member in members) data.AppendChild(TextRow(row++, CellsOf(member)));
            double[] widths = [12, 12, 10, 16, 8, 16];
            var columns = new X.Columns(widths.Select((w, i) => new X.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
            worksheet.Worksheet = new X.Worksheet(columns, data);
            workbook.Workbook.AppendChild(new X.Sheets(new X.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "花名册" }));
        }
        return output.ToArray();
    }

    private static string[] CellsOf(MemberProfile member) =>
    [
        member.Id, member.Name, RosterImport.RoleWords[member.Role], member.GridId,
        RosterImport.EmploymentWords[member.Employment], member.Phone ?? "",
    ];

    private static X.Row TextRow(uint index, IEnumerable<string> values) =>
        new(values.Select((value, i) => new X.Cell
        {
            CellReference = ColumnLetters(i) + index.ToString(CultureInfo.InvariantCulture),
            DataType = X.CellValues.InlineString,
            InlineString = new X.InlineString(new X.Text(value) { Space = value.Trim() == value ? null : SpaceProcessingModeValues.Preserve }),
        })) { RowIndex = index };

    /// <summary>A refusal of our own, kept apart from the format libraries' exceptions until it leaves <see cref="Read"/>.</summary>
    private sealed class Refusal(string message) : Exception(message);

    private static byte[] ReadAll(Stream file)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > MaxFileBytes)
                throw new InvalidDataException($"The file is larger than {MaxFileBytes / 1024 / 1024} MB, the most a roster file may be: a roster has at most {MaxRows:N0} rows.");
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    // ---- CSV ----

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static Sheet ReadCsv(byte[] bytes)
    {
        if (bytes is [(byte)'P', (byte)'K', 3, 4, ..])
            throw new Refusal("The file is an Excel workbook named .csv: name it .xlsx, or save it from Excel as 'CSV UTF-8'.");
        var text = Decode(bytes);
        if (text.Contains('\0'))
            throw new Refusal("The file is not a CSV text file: save the roster from Excel as 'CSV UTF-8' or as an .xlsx workbook.");

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 256 * 1024,
            IncludeValuesInExceptions = false,
        };
        var header = new List<string>();
        var rows = new List<RosterRow>();
        var number = 0;
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                number++;
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = Unescape(reader.GetString(i) ?? "");
                if (number == 1)
                {
                    if (fields.Length > 0) fields[0] = fields[0].TrimStart('\uFEFF');
                    header.AddRange(fields);
                }
                for (var i = 0; i < fields.Length; i++) CheckCell(number, number == 1 ? null : header, i, fields[i]);
                if (number == 1) continue;
                if (number - 1 > MaxRows) throw TooManyRows();
                rows.Add(RowOf(number, header, fields));
            }
        }
        catch (CsvFormatException e)
        {
            var at = e.RecordNumber > 0 ? $"Row {e.RecordNumber} of the file" : "The file";
            throw new Refusal($"{at} is not valid CSV (a quote that is not closed, or text after a closing quote): put a field that holds a comma, a quote or a line break in double quotes and double the quotes inside it, or save the file again from Excel.");
        }
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new Refusal($"The file's first row is empty. {WhatToSend}");
        return new Sheet(header, rows);
    }

    /// <summary>UTF-8 (with or without its byte order mark), UTF-16 with its mark, else GB18030 (which covers GBK).</summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Strict(new UTF8Encoding(false, true), bytes, 3)
            ?? throw new Refusal("The file says it is UTF-8 but holds characters that are not: save it again from Excel as 'CSV UTF-8'.");
        if (bytes is [0xFF, 0xFE, ..]) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes is [0xFE, 0xFF, ..]) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        return Strict(new UTF8Encoding(false, true), bytes, 0) ?? Encoding.GetEncoding("GB18030").GetString(bytes);
    }

    private static string? Strict(Encoding encoding, byte[] bytes, int start)
    {
        try { return encoding.GetString(bytes, start, bytes.Length - start); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>Takes off the ' that <see cref="WriteCsv"/> puts before text that starts like a formula.</summary>
    private static string Unescape(string field) =>
        field.Length > 1 && field[0] == '\'' && Array.IndexOf(FormulaStarts, field[1]) >= 0 ? field[1..] : field;

    // ---- XLSX ----

    private static Sheet ReadXlsx(byte[] bytes)
    {
        if (bytes is not [(byte)'P', (byte)'K', ..])
            throw new Refusal(bytes is [0xD0, 0xCF, 0x11, 0xE0, ..]
                ? "The file is an old Excel 97-2003 workbook (.xls) named .xlsx: open it in Excel and save it as 'Excel Workbook (*.xlsx)'."
                : UnreadableWorkbook);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart ?? throw new Refusal(UnreadableWorkbook);
            var first = workbook.Workbook?.Sheets?.Elements<X.Sheet>().FirstOrDefault();
            if (first?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart worksheet)
                throw new Refusal($"The workbook's first sheet is not a worksheet. {WhatToSend}");
            return ReadWorksheet(worksheet, SharedStrings(workbook));
        }
        catch (Refusal) { throw; }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException or FormatException
                                      or InvalidOperationException or ArgumentException or OverflowException or KeyNotFoundException)
        {
            throw new Refusal(e is XmlException && e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal)
                ? $"The workbook is too large: a roster has at most {MaxRows:N0} rows and a cell at most {MaxCellLength} characters."
                : UnreadableWorkbook);
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(X.SharedStringItem) || !reader.IsStartElement) continue;
            strings.Add(TextOf((X.SharedStringItem)reader.LoadCurrentElement()!));
        }
        return strings;
    }

    /// <summary>The text of a shared or inline string: its plain text or its runs, without phonetic guides.</summary>
    private static string TextOf(OpenXmlElement item) =>
        item.GetFirstChild<X.Text>() is { } plain ? plain.Text : string.Concat(item.Elements<X.Run>().Select(r => r.Text?.Text));

    private static Sheet ReadWorksheet(WorksheetPart worksheet, List<string> strings)
    {
        List<string>? header = null;
        var rows = new List<RosterRow>();
        var number = 0;
        using var reader = OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(X.Row) || !reader.IsStartElement) continue;
            var row = (X.Row)reader.LoadCurrentElement()!;
            number = row.RowIndex?.Value is { } index ? checked((int)index) : number + 1;
            var cells = new SortedDictionary<int, string>();
            var position = 0;
            foreach (var cell in row.Elements<X.Cell>())
            {
                position = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : position + 1;
                var text = Shown(cell, strings);
                CheckCell(number, header, position - 1, text);
                if (text.Length > 0) cells[position] = text;
            }
            if (header is null)
            {
                if (cells.Count == 0) continue;
                header = Enumerable.Range(1, cells.Keys.Max()).Select(i => cells.GetValueOrDefault(i, "")).ToList();
                continue;
            }
            if (cells.Count == 0) continue;
            if (rows.Count >= MaxRows) throw TooManyRows();
            var fields = Enumerable.Range(1, header.Count).Select(i => cells.GetValueOrDefault(i, "")).ToArray();
            rows.Add(RowOf(number, header, fields));
        }
        if (header is null) throw new Refusal($"The workbook's first sheet is empty. {WhatToSend}");
        return new Sheet(header, rows);
    }

    /// <summary>A cell's text as Excel shows it in a General column: numbers without ".0" or an exponent.</summary>
    private static string Shown(X.Cell cell, List<string> strings)
    {
        var value = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == X.CellValues.SharedString)
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count
                ? strings[i]
                : throw new Refusal(UnreadableWorkbook);
        if (type == X.CellValues.InlineString) return cell.InlineString is { } inline ? TextOf(inline) : "";
        if (type == X.CellValues.Boolean) return value == "1" ? "TRUE" : "FALSE";
        if (type == X.CellValues.String || type == X.CellValues.Error || type == X.CellValues.Date) return value;
        if (value.Length == 0) return "";
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return value;
        if (number == Math.Floor(number) && Math.Abs(number) < 1e15) return ((long)number).ToString(CultureInfo.InvariantCulture);
        return Math.Abs(number) is > 1e-10 and < 7.9e28
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') index = checked(index * 26 + (c - 'A' + 1));
            else if (c is >= 'a' and <= 'z') index = checked(index * 26 + (c - 'a' + 1));
            else break;
        }
        return index > 0 && index <= 16_384 ? index : throw new Refusal(UnreadableWorkbook);
    }

    private static string ColumnLetters(int zeroBased)
    {
        var letters = "";
        for (var n = zeroBased + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    // ---- both ----

    private static Refusal TooManyRows() =>
        new($"The file has more than {MaxRows:N0} rows, the most a roster may have.");

    private static void CheckCell(int row, IReadOnlyList<string>? header, int column, string text)
    {
        if (text.Length <= MaxCellLength) return;
        var name = header is not null && column < header.Count && header[column].Trim().Length > 0 ? header[column].Trim() : ColumnLetters(column);
        throw new Refusal($"Row {row}, column {name}: the cell holds {text.Length} characters, more than the {MaxCellLength} a cell may hold.");
    }

    private static RosterRow RowOf(int number, IReadOnlyList<string> header, IReadOnlyList<string> fields)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) cells.TryAdd(header[i], i < fields.Count ? fields[i] : "");
        return new RosterRow(number, cells);
    }
}
