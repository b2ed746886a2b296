using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>Conversions between the wire's CalendarDate and DateOnly.</summary>
public static class CalendarDates
{
    public static bool TryToDateOnly(CalendarDate? date, out DateOnly value)
    {
        value = default;
        if (date is null || date.Year is < 1 or > 9999 || date.Month is < 1 or > 12)
        {
            return false;
        }

        if (date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return false;
        }

        value = new DateOnly(date.Year, date.Month, date.Day);
        return true;
    }

    public static CalendarDate From(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
