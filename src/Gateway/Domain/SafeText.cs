using System.Text;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>Makes a caller-supplied string safe to echo in a status, an audit detail or a log: bounded, one line, printable.</summary>
/// <remarks>Every string that came from outside and is repeated back (a body id in a denial, a field in a refusal) goes
/// through here, so a status always fits in a frame and a log line can never be forged with CR/LF or escape codes.</remarks>
public static class SafeText
{
    /// <summary>Default length kept of a caller's string.</summary>
    public const int DefaultMax = 64;

    /// <summary>At most <paramref name="max"/> characters of <paramref name="value"/>, control characters shown as \uXXXX,
    /// and a marker saying how much was cut.</summary>
    public static string Bounded(string? value, int max = DefaultMax)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, max) + 16);
        var kept = 0;
        foreach (var c in value)
        {
            if (kept >= max)
            {
                break;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }

            kept++;
        }

        if (value.Length > kept)
        {
            builder.Append("…(+").Append((value.Length - kept).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return builder.ToString();
    }
}
