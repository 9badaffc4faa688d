using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace CommandCenter.Exports;

/// <summary>
/// An XLSX workbook written row by row to a stream that need not seek (an HTTP response): the worksheet's XML goes out
/// through <see cref="OpenXmlWriter"/> (SAX style) into a zip entry, and the compressed bytes are handed on after every few
/// rows, so memory stays flat however many rows there are. Cells are inline strings or numbers (no shared-string table to
/// hold). A sheet holds at most Excel's 1,048,576 rows; the rows beyond go on to a next sheet with the same header, never cut.
/// </summary>
public sealed class XlsxSheet : IAsyncDisposable
{
    /// <summary>Excel's rows per worksheet, the header row included.</summary>
    public const int MaxRowsPerSheet = 1_048_576;
    private const int HandOnBytes = 64 * 1024;
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly Stream destination;
    private readonly Pending pending = new();
    private readonly ZipArchive zip;
    private readonly string name;
    private readonly string[] columns;
    private readonly int rowsPerSheet;
    private readonly X.Cell cell = new();
    private readonly X.CellValue value = new();
    private readonly X.InlineString inline = new();
    private readonly X.Text text = new();
    private readonly X.Row row = new();
    private readonly OpenXmlAttribute[] inlineType = [new("t", "", "inlineStr")];
    private readonly OpenXmlAttribute[] preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
    private Stream? entry;
    private OpenXmlWriter? writer;
    private int sheets;
    private int rowInSheet;

    private XlsxSheet(Stream destination, string name, string[] columns, int rowsPerSheet)
    {
        this.destination = destination;
        this.name = name;
        this.columns = columns;
        this.rowsPerSheet = rowsPerSheet;
        zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    }

    /// <summary>Starts the workbook and its first sheet (named <paramref name="name"/>) with the header row.</summary>
    /// <param name="rowsPerSheet">Rows a sheet holds, its header included (Excel's limit unless a test wants fewer).</param>
    public static XlsxSheet Start(Stream destination, string name, string[] columns, int rowsPerSheet = MaxRowsPerSheet)
    {
        if (rowsPerSheet < 2) throw new ArgumentOutOfRangeException(nameof(rowsPerSheet), "A sheet holds its header and at least one row.");
        var sheet = new XlsxSheet(destination, name, columns, rowsPerSheet);
        sheet.BeginSheet();
        return sheet;
    }

    /// <summary>Starts a row; a full sheet is closed first and the row begins the next one.</summary>
    public XlsxSheet Row()
    {
        if (rowInSheet >= rowsPerSheet)
        {
            EndSheet();
            BeginSheet();
        }
        StartRow();
        return this;
    }

    public XlsxSheet Text(string? value)
    {
        if (value is null) return Empty();
        writer!.WriteStartElement(cell, inlineType);
        writer.WriteStartElement(inline);
        writer.WriteStartElement(text, preserve);
        writer.WriteString(XmlSafe(value));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        return this;
    }

    public XlsxSheet Number(double? number)
    {
        if (number is not { } n || !double.IsFinite(n)) return Empty();
        writer!.WriteStartElement(cell);
        writer.WriteStartElement(value);
        writer.WriteString(n.ToString("R", CultureInfo.InvariantCulture));
        writer.WriteEndElement();
        writer.WriteEndElement();
        return this;
    }

    private XlsxSheet Empty()
    {
        writer!.WriteStartElement(cell);
        writer.WriteEndElement();
        return this;
    }

    /// <summary>Ends the row and hands what is compressed so far on to the destination once there is enough of it.</summary>
    public async Task EndRow(CancellationToken cancellationToken)
    {
        writer!.WriteEndElement();
        if (pending.Length >= HandOnBytes) await HandOn(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        EndSheet();
        WriteParts();
        zip.Dispose();
        await HandOn(CancellationToken.None);
        await destination.FlushAsync();
    }

    private void BeginSheet()
    {
        sheets++;
        rowInSheet = 0;
        entry = zip.CreateEntry($"xl/worksheets/sheet{sheets}.xml", CompressionLevel.Fastest).Open();
        writer = OpenXmlWriter.Create(entry, Encoding.UTF8);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new X.Worksheet());
        writer.WriteStartElement(new X.SheetData());
        StartRow();
        foreach (var column in columns) Text(column);
        writer.WriteEndElement();
    }

    private void StartRow()
    {
        rowInSheet++;
        writer!.WriteStartElement(row, [new OpenXmlAttribute("r", "", rowInSheet.ToString(CultureInfo.InvariantCulture))]);
    }

    private void EndSheet()
    {
        writer!.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
        writer.Close();
        entry!.Dispose();
    }

    /// <summary>The package's other parts, once the number of sheets is known (a zip's entries may come in any order).</summary>
    private void WriteParts()
    {
        var overrides = new StringBuilder();
        var sheetList = new StringBuilder();
        var relations = new StringBuilder();
        for (var i = 1; i <= sheets; i++)
        {
            overrides.Append(CultureInfo.InvariantCulture,
                $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            var title = i == 1 ? name : $"{name} {i}";
            sheetList.Append(CultureInfo.InvariantCulture, $"<sheet name=\"{System.Security.SecurityElement.Escape(title)}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>");
            relations.Append(CultureInfo.InvariantCulture,
                $"<Relationship Id=\"rId{i}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
        }
        const string head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
        Part("[Content_Types].xml", head + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            overrides + "</Types>");
        Part("_rels/.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Part("xl/workbook.xml", head + $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>{sheetList}</sheets></workbook>");
        Part("xl/_rels/workbook.xml.rels", head + $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{relations}</Relationships>");
    }

    private void Part(string path, string xml)
    {
        using var part = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        part.Write(Encoding.UTF8.GetBytes(xml));
    }

    private async Task HandOn(CancellationToken cancellationToken)
    {
        if (pending.Length == 0) return;
        await destination.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }

    /// <summary>Text as XML may carry it: characters XML 1.0 forbids (control characters, lone surrogates) become U+FFFD.</summary>
    public static string XmlSafe(string value)
    {
        var i = 0;
        while (i < value.Length && Allowed(value, i)) i += char.IsHighSurrogate(value[i]) ? 2 : 1;
        if (i >= value.Length) return value;
        var safe = new StringBuilder(value.Length);
        safe.Append(value, 0, i);
        while (i < value.Length)
        {
            if (Allowed(value, i))
            {
                var length = char.IsHighSurrogate(value[i]) ? 2 : 1;
                safe.Append(value, i, length);
                i += length;
            }
            else
            {
                safe.Append('\uFFFD');
                i++;
            }
        }
        return safe.ToString();
    }

    private static bool Allowed(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c)) return i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
        if (char.IsLowSurrogate(c)) return false;
        return c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');
    }

    /// <summary>The zip's output between hand-ons: written in memory (the zip and XML writers write synchronously), taken away whole.</summary>
    private sealed class Pending : MemoryStream
    {
        public override bool CanSeek => false;
        public override bool CanRead => false;
    }
}
