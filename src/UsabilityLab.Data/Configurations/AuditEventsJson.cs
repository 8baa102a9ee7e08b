using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

/// <summary>
/// An audit's or a step's events in one JSON column, read whole with their row: each event is
/// <c>{"kind": "ErrorStatus", "facts": {"status": "500", ...}}</c>. Audits stored before events
/// were facts hold sentences (<c>["Serveren svarede ..."]</c>); each of those is read as said.
/// </summary>
internal static class AuditEventsJson
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void HasAuditEventsConversion(this PropertyBuilder<List<AuditEvent>> property) =>
        property
            .HasConversion(events => Write(events), text => Read(text))
            .Metadata.SetValueComparer(new ValueComparer<List<AuditEvent>>(
                (a, b) => a!.SequenceEqual(b!),
                events => events.Aggregate(0, (hash, e) => HashCode.Combine(hash, e.GetHashCode())),
                events => events.ToList()));

    public static string Write(List<AuditEvent> events) => JsonSerializer.Serialize(events, _json);

    public static List<AuditEvent> Read(string text)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(text) ? "[]" : text);
        return [.. document.RootElement.EnumerateArray().Select(element => element.ValueKind == JsonValueKind.String
            ? AuditEvent.Said(element.GetString()!)
            : element.Deserialize<AuditEvent>(_json)!)];
    }
}
