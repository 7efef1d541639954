namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The events the media token handler raises, in the order it raises them. Each delegate may be replaced; the
/// defaults do nothing.
/// </summary>
/// <remarks>
/// A class of events resolved from dependency injection (<c>options.EventsType</c>) derives from this one and sets
/// the delegates in its constructor.
/// </remarks>
public class MediaTokenEvents
{
    private static readonly Func<MediaTokenMessageReceivedContext, Task> IgnoreMessageReceived = context => Task.CompletedTask;
    private static readonly Func<MediaTokenValidatedContext, Task> IgnoreTokenValidated = context => Task.CompletedTask;

    /// <summary>
    /// Invoked when a request arrives, before the token is read from the query string. Set
    /// <see cref="MediaTokenMessageReceivedContext.Token"/> to supply the token from somewhere else.
    /// </summary>
    public Func<MediaTokenMessageReceivedContext, Task> OnMessageReceived { get; set; } = IgnoreMessageReceived;

    /// <summary>
    /// Invoked after a token has passed every check, with the principal that will be signed in.
    /// </summary>
    public Func<MediaTokenValidatedContext, Task> OnTokenValidated { get; set; } = IgnoreTokenValidated;

    /// <summary>
    /// Invoked when a presented token fails validation.
    /// </summary>
    public Func<MediaTokenAuthenticationFailedContext, Task> OnAuthenticationFailed { get; set; } = context => Task.CompletedTask;

    /// <summary>
    /// Invoked before a 401 challenge is written. Call <see cref="MediaTokenChallengeContext.HandleResponse"/> to write
    /// your own response.
    /// </summary>
    public Func<MediaTokenChallengeContext, Task> OnChallenge { get; set; } = context => Task.CompletedTask;

    /// <summary>
    /// Whether anything listens to <see cref="OnTokenValidated"/>: the handler then parses the token into the
    /// <see cref="MediaTokenValidatedContext.SecurityToken"/> it needs, which requests nobody inspects are spared.
    /// </summary>
    internal bool ObservesTokenValidated => OnTokenValidated != IgnoreTokenValidated;

    /// <summary>
    /// Whether anything listens to <see cref="OnMessageReceived"/>: otherwise the handler reads the query string
    /// without making the event's context, and a request with a valid token completes without awaiting anything.
    /// </summary>
    internal bool ObservesMessageReceived => OnMessageReceived != IgnoreMessageReceived;
}
