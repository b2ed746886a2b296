using System.Globalization;
using System.Text;

namespace ClassifiedGateway.Gateway.Dashboard.Export;

/// <summary>RFC 4180 lines, safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab or carriage return) is
/// prefixed with an apostrophe so it is never read as a formula.</summary>
public static class Csv
{
    public static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
