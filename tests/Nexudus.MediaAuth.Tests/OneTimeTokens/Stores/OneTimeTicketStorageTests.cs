using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens.Stores;

/// <summary>
/// Where a one-time token's ticket is kept: as an object in process by default, protected by Data Protection in a
/// store the host registers.
/// </summary>
public sealed class OneTimeTicketStorageTests
{
    [Fact]
    public async Task A_registered_store_receives_the_ticket_protected_by_data_protection_and_the_service_redeems_it()
    {
        var store = new RecordingOneTimeTokenStore();
        await using var server = await TestHost.StartPortalHostAsync(builder => builder.Services.AddSingleton<IOneTimeTokenStore>(store));
        var bearer = server.PortalCustomerToken();
        var issuedAt = server.Time.GetUtcNow();

        var token = await server.IssueOneTimeTokenAsync(bearer);

        var payload = store.Added.Should().ContainSingle().Subject.Payload;
        var payloadBytes = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(payload));
        foreach (var claimValue in new[] { "ada@example.com", "Ada Lovelace" })
        {
            payload.Should().NotContain(claimValue);
            payloadBytes.Should().NotContain(claimValue, "a serialized ticket that is only base64url-encoded is not protected");
        }

        var format = new TicketDataFormat(server.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Nexudus.MediaAuth.OneTimeTokens"));
        var key = store.Added.Single().Key;
        format.Unprotect(payload).Should().BeNull("the ticket is protected for its store key, not for the bare purpose");
        var ticket = format.Unprotect(payload, key);
        ticket.Should().NotBeNull("the payload is the ticket as Data Protection protects it, for a purpose ending with its store key");
        ticket!.Principal.FindFirstValue(ClaimTypes.Name).Should().Be("Ada Lovelace");
        ticket.Properties.IssuedUtc.Should().Be(issuedAt);
        ticket.Properties.ExpiresUtc.Should().Be(issuedAt + OneTimeTokenDefaults.TokenLifetime);

        var page = await SignedInPageAsync(server, token);
        TestHost.CustomerOf(page).Should().Be(TestHost.PortalCustomerId);
        page.Should().Contain($"{ClaimTypes.Name}=Ada Lovelace").And.Contain($"{ClaimTypes.Email}=ada@example.com");
        store.Taken.Should().Equal(store.Added.Single().Key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_registered_store_is_used_whether_it_is_registered_before_or_after_AddOneTimeTokens(bool registeredBefore)
    {
        var store = new RecordingOneTimeTokenStore();
        var services = new ServiceCollection().AddLogging();
        if (registeredBefore)
        {
            services.AddSingleton<IOneTimeTokenStore>(store).AddOneTimeTokens();
        }
        else
        {
            services.AddOneTimeTokens().AddSingleton<IOneTimeTokenStore>(store);
        }

        await using var provider = services.BuildServiceProvider();
        var tokens = provider.GetRequiredService<IOneTimeTokenService>();

        var redemption = await tokens.RedeemAsync(await tokens.IssueAsync(Ada("BearerToken")));

        redemption.Principal!.FindFirstValue(ClaimTypes.Name).Should().Be("ada@example.com");
        var key = store.Added.Should().ContainSingle().Subject.Key;
        store.Taken.Should().Equal(key);
    }

    [Fact]
    public async Task With_the_default_store_the_redeemed_customer_carries_the_issued_identity_and_its_customer_claims()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var tokens = server.Services.GetRequiredService<IOneTimeTokenService>();
        var customer = Ada("BearerToken");

        var redemption = await tokens.RedeemAsync(await tokens.IssueAsync(customer));

        redemption.Status.Should().Be(OneTimeTokenRedemptionStatus.Redeemed);
        var identity = redemption.Principal!.Identities.Should().ContainSingle().Subject;
        identity.AuthenticationType.Should().Be("BearerToken");
        identity.Claims.Select(claim => (claim.Type, claim.Value)).Should().Equal(
            customer.Claims.Where(claim => claim.Type is ClaimTypes.NameIdentifier or ClaimTypes.Name).Select(claim => (claim.Type, claim.Value)));
    }

    [Fact]
    public async Task With_the_default_store_changing_the_issuing_principal_after_issue_does_not_change_who_signs_in()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var customer = Ada("BearerToken");
        var token = await server.Services.GetRequiredService<IOneTimeTokenService>().IssueAsync(customer);

        var identity = (ClaimsIdentity)customer.Identity!;
        identity.RemoveClaim(identity.FindFirst(ClaimTypes.NameIdentifier));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "2"));
        customer.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "2")], "Other"));

        var page = await SignedInPageAsync(server, token);
        TestHost.CustomerOf(page).Should().Be("1");
        page.Should().Contain($"{ClaimTypes.Name}=ada@example.com").And.NotContain($"{ClaimTypes.NameIdentifier}=2");
    }

    /// <summary>Customer 1 as a host's sign-in makes them: an id, a name, and a claim the store does not keep.</summary>
    private static ClaimsPrincipal Ada(string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "1"),
                new Claim(ClaimTypes.Name, "ada@example.com"),
                new Claim(ClaimTypes.GivenName, "Ada Lovelace"),
            ],
            authenticationType));

    /// <summary>Follows the login redirect with <paramref name="token"/> and opens the server page it signs in to.</summary>
    private static async Task<string> SignedInPageAsync(TestHost server, string token)
    {
        using var login = await server.RequestLoginAsync(token, "/en/invoices");
        login.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        var cookie = login.SignInCookie();
        cookie.Should().NotBeNull();
        using var page = await server.GetWithCookieAsync("/en/invoices", cookie!);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        return await page.Content.ReadAsStringAsync();
    }
}
