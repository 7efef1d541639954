using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Writes an <see cref="ActionConfirmation"/> with its HTTP status mirrored from <see cref="ActionConfirmation.Status"/>,
/// keeping only the fields named by the portal's <c>_shape</c> query parameter.
/// </summary>
/// <remarks>
/// <c>_shape</c> is a comma-separated list of field names (<c>?_shape=Value,WasSuccessful</c>), matched ignoring case;
/// a dotted path (<c>Value.Length</c>) selects the field of its first segment; unknown names are ignored; an absent or
/// empty <c>_shape</c> keeps every field.
/// </remarks>
internal sealed class ActionConfirmationResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ActionConfirmation>, IEndpointMetadataProvider
{
    // The documented wire names are the property names, so the names of ActionConfirmation's properties are written.
    private static readonly string[] FieldNames =
    [
        nameof(ActionConfirmation.WasSuccessful), nameof(ActionConfirmation.Value), nameof(ActionConfirmation.Status),
        nameof(ActionConfirmation.Message), nameof(ActionConfirmation.Errors),
    ];

    private readonly string? _shape;

    public ActionConfirmationResult(ActionConfirmation value, string? shape)
    {
        Value = value;
        _shape = shape;
    }

    public ActionConfirmation Value { get; }

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => Value.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Value.Status;
        response.ContentType = "application/json; charset=utf-8";

        var fields = SelectFields(_shape);
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            if ((fields & Field.WasSuccessful) != 0)
            {
                writer.WriteBoolean(nameof(ActionConfirmation.WasSuccessful), Value.WasSuccessful);
            }

            if ((fields & Field.Value) != 0)
            {
                writer.WriteString(nameof(ActionConfirmation.Value), Value.Value);
            }

            if ((fields & Field.Status) != 0)
            {
                writer.WriteNumber(nameof(ActionConfirmation.Status), Value.Status);
            }

            if ((fields & Field.Message) != 0)
            {
                writer.WriteString(nameof(ActionConfirmation.Message), Value.Message);
            }

            if ((fields & Field.Errors) != 0)
            {
                writer.WritePropertyName(nameof(ActionConfirmation.Errors));
                if (Value.Errors is { } errors)
                {
                    errors.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ActionConfirmation), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ActionConfirmation), ["application/json"]));
    }

    private static Field SelectFields(string? shape)
    {
        if (string.IsNullOrWhiteSpace(shape))
        {
            return Field.All;
        }

        var fields = Field.None;
        foreach (var range in shape.AsSpan().Split(','))
        {
            var path = shape.AsSpan(range).Trim();
            var dot = path.IndexOf('.');
            var name = dot < 0 ? path : path[..dot];
            for (var i = 0; i < FieldNames.Length; i++)
            {
                if (name.Equals(FieldNames[i], StringComparison.OrdinalIgnoreCase))
                {
                    fields |= (Field)(1 << i);
                }
            }
        }

        return fields;
    }

    [Flags]
    private enum Field
    {
        None = 0,
        WasSuccessful = 1 << 0,
        Value = 1 << 1,
        Status = 1 << 2,
        Message = 1 << 3,
        Errors = 1 << 4,
        All = WasSuccessful | Value | Status | Message | Errors,
    }
}
