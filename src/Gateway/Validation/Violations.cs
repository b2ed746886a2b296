using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>Collects field violations with small helpers for the checks every notice repeats.</summary>
internal sealed class Violations
{
    private readonly List<FieldViolation> _items = [];

    public IReadOnlyList<FieldViolation> Items => _items;

    public void Add(string field, string description) => _items.Add(new FieldViolation(field, description));

    public void Text(string field, string? value, int maxLength = 512)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }
    }

    public void Level(string field, ClassificationLevel level)
    {
        if (!System.Enum.IsDefined(level) || level == ClassificationLevel.Unspecified)
        {
            Add(field, "must be one of the three Art. 2 levels");
        }
    }

    public void Time(string field, Timestamp? value)
    {
        if (value is null)
        {
            Add(field, "is required");
        }
        else
        {
            OptionalTime(field, value);
        }
    }

    /// <summary>A timestamp that may be absent, but when present lies in 1970–9999 with 0 ≤ nanos &lt; 1e9.</summary>
    public void OptionalTime(string field, Timestamp? value)
    {
        if (value is not null && (!WireTimes.IsValid(value) || value.Seconds < 0))
        {
            Add(field, "is not a valid timestamp (1970-01-01 to 9999-12-31, nanos 0 to 999999999)");
        }
    }

    /// <summary>A body id: 1–128 letters, digits and . _ : - (no spaces, control characters or escapes).</summary>
    public void BodyId(string field, string? value) => BodyIds.Check(this, field, value, required: true);

    /// <summary>A body id that may be empty.</summary>
    public void OptionalBodyId(string field, string? value) => BodyIds.Check(this, field, value, required: false);

    public void Date(string field, CalendarDate? value)
    {
        if (value is null)
        {
            Add(field, "is required");
        }
        else if (!CalendarDates.TryToDateOnly(value, out _))
        {
            Add(field, "is not a valid calendar date");
        }
    }

    public void NotEmpty<T>(string field, ICollection<T> values)
    {
        if (values.Count == 0)
        {
            Add(field, "needs at least one entry");
        }
    }
}
