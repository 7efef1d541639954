using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// Keeps tickets in the host's <see cref="IOneTimeTokenStore"/>, which leaves the process: each ticket is serialized as
/// an <see cref="AuthenticationTicket"/> and protected by Data Protection, so a dump of the store holds no readable
/// claims and a write to it cannot sign a token's holder in as another customer.
/// </summary>
/// <remarks>
/// Each ticket is protected for a purpose that includes its store key, the hash of its token: a payload moved, copied
/// or replayed under another token's key does not unprotect there, and is refused as <c>invalid</c>. Without the key
/// in the purpose, a store writer could copy one customer's payload over the key of a token another customer holds,
/// and that token would sign in as the first customer. The expiry is inside the protected payload too, so an old
/// payload written back under its own key is refused as <c>expired</c> once its lifetime has passed.
/// </remarks>
internal sealed class DataProtectedOneTimeTicketStore(
    IOneTimeTokenStore store,
    IDataProtectionProvider dataProtection,
    MediaAuthMetrics metrics,
    TimeProvider timeProvider)
    : OneTimeTicketStore(metrics, timeProvider, store.GetType().Name)
{
    private const string TicketScheme = "OneTimeToken";

    private readonly TicketDataFormat _ticketFormat = new(dataProtection.CreateProtector("Nexudus.MediaAuth.OneTimeTokens"));

    public override ValueTask<bool> TryAddAsync(string key, OneTimeTicket ticket, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var properties = new AuthenticationProperties { IssuedUtc = ticket.ExpiresUtc - timeToLive, ExpiresUtc = ticket.ExpiresUtc };
        var payload = _ticketFormat.Protect(new AuthenticationTicket(ticket.Customer, properties, TicketScheme), key);
        return TimeAsync(
            StoreOperation.Add,
            (Store: store, Key: key, Payload: payload, TimeToLive: timeToLive, CancellationToken: cancellationToken),
            static call => call.Store.TryAddAsync(call.Key, call.Payload, call.TimeToLive, call.CancellationToken));
    }

    public override async ValueTask<(bool Found, OneTimeTicket? Ticket)> TryTakeAsync(string key, CancellationToken cancellationToken)
    {
        var payload = await TimeAsync(
            StoreOperation.Take,
            (Store: store, Key: key, CancellationToken: cancellationToken),
            static call => call.Store.TryTakeAsync(call.Key, call.CancellationToken));
        if (payload is null)
        {
            return (false, null);
        }

        var ticket = _ticketFormat.Unprotect(payload, key);
        return ticket?.Properties.ExpiresUtc is { } expires ? (true, new OneTimeTicket(ticket.Principal, expires)) : (true, null);
    }
}
