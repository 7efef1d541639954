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
/// payload written back under its own key is refused as <c>expired</c> once its lifetime has passed; so are the login
/// mode and the revocation stamp, so a store writer can neither turn a confirm-mode token into one a scanner's
/// <c>GET</c> spends nor give a token a newer customer's stamp. Stamps themselves are stored as they are: they are
/// random and say nothing about the customer; a writer who changes one only refuses tokens, but one who deletes it
/// undoes a revocation, which therefore relies on the store's integrity (SECURITY.md).
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

    public override async ValueTask<bool> TryAddAsync(string key, OneTimeTicket ticket, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var properties = new AuthenticationProperties { IssuedUtc = ticket.ExpiresUtc - timeToLive, ExpiresUtc = ticket.ExpiresUtc };
        if (ticket.RequiresConfirmation)
        {
            properties.Items[LoginModeItem] = ConfirmLoginMode;
        }

        if (ticket.RevocationStamp is { } stamp)
        {
            properties.Items[RevocationStampItem] = stamp;
        }

        var payload = _ticketFormat.Protect(new AuthenticationTicket(ticket.Customer, properties, TicketScheme), key);
        var timing = StartTiming(StoreOperation.Add);
        bool added;
        try
        {
            added = await store.TryAddAsync(key, payload, timeToLive, cancellationToken);
        }
        catch (Exception exception)
        {
            timing.Failed(exception);
            throw;
        }

        timing.Completed();
        return added;
    }

    public override async ValueTask<(bool Found, OneTimeTicket? Ticket)> TryTakeAsync(string key, CancellationToken cancellationToken)
    {
        var timing = StartTiming(StoreOperation.Take);
        string? payload;
        try
        {
            payload = await store.TryTakeAsync(key, cancellationToken);
        }
        catch (Exception exception)
        {
            timing.Failed(exception);
            throw;
        }

        timing.Completed();
        return payload is null ? (false, null) : (true, Unprotect(payload, key));
    }

    public override async ValueTask<OneTimeTicket?> PeekAsync(string key, CancellationToken cancellationToken)
    {
        var payload = await GetAsync(StoreOperation.Peek, key, cancellationToken);
        return payload is null ? null : Unprotect(payload, key);
    }

    public override async ValueTask SetStampAsync(string key, string stamp, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var timing = StartTiming(StoreOperation.SetStamp);
        try
        {
            await store.SetAsync(key, stamp, timeToLive, cancellationToken);
        }
        catch (Exception exception)
        {
            timing.Failed(exception);
            throw;
        }

        timing.Completed();
    }

    public override ValueTask<string?> GetStampAsync(string key, CancellationToken cancellationToken) =>
        GetAsync(StoreOperation.GetStamp, key, cancellationToken);

    private async ValueTask<string?> GetAsync(string operation, string key, CancellationToken cancellationToken)
    {
        var timing = StartTiming(operation);
        string? payload;
        try
        {
            payload = await store.GetAsync(key, cancellationToken);
        }
        catch (Exception exception)
        {
            timing.Failed(exception);
            throw;
        }

        timing.Completed();
        return payload;
    }

    private OneTimeTicket? Unprotect(string payload, string key)
    {
        var ticket = _ticketFormat.Unprotect(payload, key);
        if (ticket?.Properties.ExpiresUtc is not { } expires)
        {
            return null;
        }

        var items = ticket.Properties.Items;
        var requiresConfirmation = items.ContainsKey(LoginModeItem);
        return new OneTimeTicket(ticket.Principal, expires, requiresConfirmation, items.TryGetValue(RevocationStampItem, out var stamp) ? stamp : null);
    }

    private const string LoginModeItem = "login_mode";
    private const string ConfirmLoginMode = "Confirm";
    private const string RevocationStampItem = "revocation_stamp";
}
