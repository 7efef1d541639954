using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.Sample;

[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TokenError))]
[JsonSerializable(typeof(IReadOnlyList<CustomerFile>))]
[JsonSerializable(typeof(IReadOnlyList<CustomerInvoice>))]
internal sealed partial class SampleJsonSerializerContext : JsonSerializerContext;
