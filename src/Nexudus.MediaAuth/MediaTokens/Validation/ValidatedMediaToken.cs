using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// What a media token proved once its signature and claims were checked: whom it is for, when it is valid, which key
/// signed it, when it is bound, the resource it is for (<see cref="MediaTokenResource"/>), and how the file is to be
/// presented. Immutable, so the validation cache can hand the same instance to every request that repeats the token.
/// </summary>
/// <remarks>
/// The times are the token's own Unix seconds, any <see cref="long"/> a trusted signer wrote, and are compared in
/// 128-bit ticks: no value, however far from now, can overflow a comparison or be clamped into a different one.
/// </remarks>
/// <param name="Subject">The customer id.</param>
/// <param name="ValidFrom">The later of <c>iat</c> and <c>nbf</c>, in Unix seconds.</param>
/// <param name="Expires"><c>exp</c>, in Unix seconds.</param>
/// <param name="SigningKey">The key that verified the signature.</param>
/// <param name="Resource">The <c>res</c> claim, if any.</param>
/// <param name="Disposition">The <c>disp</c> claim, <see cref="MediaTokenDisposition.Unspecified"/> when there is none.</param>
internal sealed record ValidatedMediaToken(string Subject, long ValidFrom, long Expires, SecurityKey SigningKey, string? Resource, MediaTokenDisposition Disposition)
{
    public bool IsExpiredAt(DateTimeOffset now, TimeSpan clockSkew) => IsExpiredAt(Expires, now, clockSkew);

    /// <summary>Whether a token expiring at <paramref name="expires"/> (Unix seconds) has expired at <paramref name="now"/>, beyond the skew.</summary>
    public static bool IsExpiredAt(long expires, DateTimeOffset now, TimeSpan clockSkew) => UnixTicks(now) - clockSkew.Ticks > UnixTicks(expires);

    public bool IsNotYetValidAt(DateTimeOffset now, TimeSpan clockSkew) => UnixTicks(now) + clockSkew.Ticks < UnixTicks(ValidFrom);

    public static Int128 UnixTicks(long seconds) => (Int128)seconds * TimeSpan.TicksPerSecond;

    private static Int128 UnixTicks(DateTimeOffset time) => (Int128)time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>A time for an exception's message properties, clamped to what <see cref="DateTime"/> can hold.</summary>
    public static DateTime ToDateTime(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, DateTimeOffset.MinValue.ToUnixTimeSeconds(), DateTimeOffset.MaxValue.ToUnixTimeSeconds())).UtcDateTime;
}
