using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Checks <see cref="JwtExchangeOptions"/> at startup.
/// </summary>
internal sealed class JwtExchangeValidateOptions : IValidateOptions<JwtExchangeOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtExchangeOptions options)
    {
        var failures = new List<string>();
        if (options.SigningCredentials is null)
        {
            failures.Add("JwtExchangeOptions.SigningCredentials must be set to credentials whose key the host's JwtBearer validates (its IssuerSigningKey).");
        }
        else if (options.SigningCredentials.Algorithm is null or SecurityAlgorithms.None)
        {
            failures.Add("JwtExchangeOptions.SigningCredentials must name a signing algorithm, such as SecurityAlgorithms.RsaSha256.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("JwtExchangeOptions.Issuer must be set to the issuer the host's JwtBearer validates (TokenValidationParameters.ValidIssuer).");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("JwtExchangeOptions.Audience must be set to the audience the host's JwtBearer validates (TokenValidationParameters.ValidAudience or JwtBearerOptions.Audience).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
