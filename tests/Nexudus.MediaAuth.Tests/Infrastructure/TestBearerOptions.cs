using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>Options of <see cref="TestBearerHandler"/>.</summary>
public sealed class TestBearerOptions : AuthenticationSchemeOptions
{
    /// <summary>The claim type that carries the customer id of the <c>TestBearer {id}</c> header.</summary>
    public string CustomerIdClaimType { get; set; } = ClaimTypes.NameIdentifier;
}
