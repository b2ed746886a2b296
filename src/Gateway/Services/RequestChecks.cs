using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>Small request checks shared by the services; each throws INVALID_ARGUMENT naming the field.</summary>
internal static class RequestChecks
{
    public static void Id(string field, string value)
    {
        var v = new Violations();
        EnvelopeValidator.ValidateId(v, field, value);
        if (v.Items.Count > 0)
        {
            throw new InvalidRequestException(v.Items);
        }
    }

    public static void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            throw new InvalidRequestException([new FieldViolation(field, $"must be between {min} and {max}")]);
        }
    }
}
