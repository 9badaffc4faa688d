using System.Globalization;
using CsvHelper;

namespace CommandCenter.Exports;

/// <summary>
/// A CSV file as spreadsheets read it, written row by row to a stream: RFC 4180 quoting (a comma, quote or
/// line break in a value stays inside its field), UTF-8 with a byte order mark (so the Chinese reads right),
/// and text that starts like a formula (= + - @ tab CR) prefixed with ' so a spreadsheet shows it, never runs it.
/// Numbers are written as numbers, so a negative longitude stays a number.
/// </summary>
public sealed class CsvSheet : IAsyncDisposable
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly CsvWriter writer;

    private CsvSheet(CsvWriter writer) => this.writer = writer;

    /// <summary>Starts the sheet with its header row.</summary>
    public static CsvSheet Start(Stream destination, params string[] columns)
    {
        var sheet = new CsvSheet(CsvWriter.Create(destination, Options, leaveOpen: true));
        sheet.writer.WriteHeader(columns);
        return sheet;
    }

    public CsvSheet Text(string? value)
    {
        writer.WriteField(value);
        return this;
    }

    public CsvSheet Number(double? value)
    {
        if (value is { } number) writer.WriteField((object)number);
        else writer.WriteField((string?)null);
        return this;
    }

    public CsvSheet Number(int value)
    {
        writer.WriteField((object)value);
        return this;
    }

    /// <summary>An instant in ISO 8601 with its offset (round-trip form).</summary>
    public CsvSheet Instant(DateTimeOffset? value) => Text(value?.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Ends the row; the writer flushes to the stream whenever its buffer is mostly full, so large sheets stream.</summary>
    public async Task EndRow(CancellationToken cancellationToken) => await writer.EndRecordAsync(cancellationToken);

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
