using System.Globalization;
using Microsoft.Extensions.Options;

namespace CommandCenter.Intake;

/// <summary>
/// For endpoints marked with <see cref="IntakeBodyLimit"/>: reads the body into memory up to the limit
/// (413 past it, whatever Content-Length claims), keeps the bytes as <see cref="IntakeBody"/> and
/// hands the handler a rewound copy, so model binding still works.
/// </summary>
public sealed class IntakeBodyReader(RequestDelegate next, IOptions<IntakeOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IntakeBodyLimit>();
        if (limit is null)
        {
            await next(http);
            return;
        }
        var max = options.Value.MaxBodyBytes;
        var bytes = http.Request.ContentLength > max ? null : await ReadAtMost(http.Request.Body, max, http.RequestAborted);
        if (bytes is null)
        {
            await (limit.TooLarge?.Invoke(http, max) ?? TooLarge(max)).ExecuteAsync(http);
            return;
        }
        http.Features.Set(new IntakeBody(bytes));
        http.Request.Body = new MemoryStream(bytes, writable: false);
        http.Request.ContentLength = bytes.Length;
        await next(http);
    }

    public static IResult TooLarge(long max) => Results.Problem(
        title: "The request body is too large.", detail: string.Create(CultureInfo.InvariantCulture, $"Intake requests carry at most {max:N0} bytes; send photo references, not files."),
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static async Task<byte[]?> ReadAtMost(Stream body, long max, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > max) return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
