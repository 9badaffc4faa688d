namespace CommandCenter.Intake;

/// <summary>
/// The raw body of an intake request, read whole at the edge by <see cref="IntakeBodyReader"/>: the
/// webhook signature and the idempotency fingerprint are computed over exactly these bytes.
/// </summary>
public sealed class IntakeBody(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public static byte[] Of(HttpContext http) => http.Features.Get<IntakeBody>()?.Bytes
        ?? throw new InvalidOperationException($"{http.Request.Path} reads its body raw but has no {nameof(IntakeBodyLimit)}.");
}

/// <summary>Endpoint metadata: read the body whole before the handler, refusing one over the intake limit with 413.</summary>
/// <param name="TooLarge">The 413 answer in the endpoint's own error format; problem details when null.</param>
public sealed record IntakeBodyLimit(Func<HttpContext, long, IResult>? TooLarge = null);

public static class IntakeBodyLimits
{
    public static TBuilder WithIntakeBody<TBuilder>(this TBuilder builder, Func<HttpContext, long, IResult>? tooLarge = null)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new IntakeBodyLimit(tooLarge));
}
