using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.OneTimeTokens.Exchange;

/// <summary>
/// The documented body of <c>POST /api/sys/users/exchange</c>:
/// <c>{"token":"...","token_type":"bearer","expires_in":86400,"refresh_token":"..."}</c>.
/// </summary>
/// <param name="token">The bearer token.</param>
/// <param name="expiresIn">The bearer token's lifetime, in seconds.</param>
/// <param name="refreshToken">The refresh token, or <see langword="null"/> when the issuer gives none.</param>
public sealed class ExchangedToken(string token, long expiresIn, string? refreshToken)
{
    /// <summary>
    /// The bearer token, for the <c>Authorization</c> header. Named <c>token</c>, not <c>access_token</c>.
    /// </summary>
    [JsonPropertyName("token")]
    public string Token { get; } = token;

    /// <summary>
    /// The wire's <c>token_type</c>: always <c>bearer</c>.
    /// </summary>
    [JsonPropertyName("token_type")]
    [JsonInclude]
    internal string TokenType { get; } = "bearer";

    /// <summary>
    /// The bearer token's lifetime, in seconds.
    /// </summary>
    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public long ExpiresIn { get; } = expiresIn;

    /// <summary>
    /// The refresh token, or <see langword="null"/> when the issuer gives none; written either way, as
    /// <c>"refresh_token":null</c> then. <c>AddBearerTokenExchange()</c> gives the BearerToken scheme's refresh token,
    /// <c>AddJwtExchange()</c> none.
    /// </summary>
    [JsonPropertyName("refresh_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? RefreshToken { get; } = refreshToken;
}
