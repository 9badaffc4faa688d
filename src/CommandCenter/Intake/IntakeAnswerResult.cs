using System.Text;
using CommandCenter.Grains.Intake;

namespace CommandCenter.Intake;

/// <summary>Writes an <see cref="IntakeAnswer"/> as it was first given, so a replayed submission is byte for byte the same.</summary>
public sealed class IntakeAnswerResult(IntakeAnswer answer, bool replayed) : IResult
{
    /// <summary>Set on a replay, so a client can tell it got the answer of an earlier submission.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = $"{answer.ContentType}; charset=utf-8";
        if (answer.Location is not null) http.Response.Headers.Location = answer.Location;
        if (replayed) http.Response.Headers[ReplayedHeader] = "true";
        await http.Response.WriteAsync(answer.Body, Encoding.UTF8);
    }
}
