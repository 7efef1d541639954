using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// A scheme's keys, validator and cache live in <see cref="MediaTokenSchemeStates"/>, built from one instance of its
/// options and rebuilt when the options are; the options themselves hold configuration only.
/// </summary>
public sealed class MediaTokenSchemeStatesTests
{
    [Fact]
    public async Task A_scheme_keeps_its_state_across_requests_and_gets_a_new_one_when_its_options_are_rebuilt()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var states = host.Services.GetRequiredService<MediaTokenSchemeStates>();
        var before = states.Get(MediaTokenDefaults.AuthenticationScheme);

        await host.ExpectAcceptedAsync(TestToken.Create(host.Now));
        states.Get(MediaTokenDefaults.AuthenticationScheme).Should().BeSameAs(before);

        host.ReloadOptions();
        var after = states.Get(MediaTokenDefaults.AuthenticationScheme);

        after.Should().NotBeSameAs(before);
        after.Options.Should().BeSameAs(host.MediaTokenOptions);
        after.Validator.Should().NotBeSameAs(before.Validator);
    }

    [Fact]
    public void The_options_hold_no_runtime_state() =>
        typeof(MediaTokenOptions).GetProperties(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(property => property.Name)
            .Should().BeEquivalentTo(["KeyConfigurationErrors", "ConfigurationKeys"], "what configuration binding reads from the scheme's section is all that is not public");
}
