using CommandCenter.Exports;

namespace CommandCenter.Tests.Exports;

/// <summary>
/// The streamed workbook: written to a stream that cannot seek (as an HTTP response), it opens with the Open XML SDK; rows past a
/// sheet's limit go on in a next sheet with the same header, none lost; text XML cannot carry is shown, not refused.
/// </summary>
[Trait("Category", "InProcess")]
public class XlsxSheetTests
{
    [Fact]
    public async Task Rows_past_a_sheets_limit_go_on_in_a_next_sheet_with_the_header_and_none_is_lost()
    {
        var output = new ForwardOnly();
        await using (var sheet = XlsxSheet.Start(output, "案件", ["编号 id", "纬度 lat"], rowsPerSheet: 4))
        {
            for (var i = 1; i <= 7; i++)
            {
                sheet.Row().Text($"C{i}").Number(31.5 + i);
                await sheet.EndRow(CancellationToken.None);
            }
        }

        var rows = CaseExportTests.XlsxRows(output.ToArray());

        rows.Should().HaveCount(7 + 3, "three sheets, each with its header");
        rows.Where(r => r[0] != "编号 id").Select(r => r[0]).Should().Equal("C1", "C2", "C3", "C4", "C5", "C6", "C7");
        rows[1].Should().Equal("C1", "32.5");
        rows[4].Should().Equal("编号 id", "纬度 lat");
    }

    [Fact]
    public async Task Text_with_characters_xml_cannot_carry_is_written_with_a_replacement_mark()
    {
        var output = new ForwardOnly();
        await using (var sheet = XlsxSheet.Start(output, "案件", ["描述 description"]))
        {
            sheet.Row().Text("a\u0001b\ud800c 好\U0001F600");
            await sheet.EndRow(CancellationToken.None);
        }

        CaseExportTests.XlsxRows(output.ToArray())[1].Should().Equal("a\uFFFDb\uFFFDc 好\U0001F600");
    }

    /// <summary>A response body: written forward only, never sought, and only asynchronously.</summary>
    private sealed class ForwardOnly : Stream
    {
        private readonly MemoryStream bytes = new();
        public byte[] ToArray() => bytes.ToArray();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
