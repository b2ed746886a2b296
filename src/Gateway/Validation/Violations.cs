using ClassifiedGateway.Contracts.V1;
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
        else if (value.Seconds < 0 || value.Seconds > 253402300799 || value.Nanos is < 0 or > 999_999_999)
        {
            Add(field, "is not a valid timestamp");
        }
    }

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
