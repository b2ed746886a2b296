using System.Text.RegularExpressions;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>The charset of body ids and correlation ids, the same family as message ids: 1–128 letters, digits and . _ : -.</summary>
/// <remarks>They are echoed in logs, audit entries and statuses, so CR/LF, NUL, ANSI escapes and backspace never get in.</remarks>
internal static partial class BodyIds
{
    public const int MaxLength = 128;

    public static bool IsValid(string value) => value.Length is > 0 and <= MaxLength && Pattern().IsMatch(value);

    public static void Check(Violations v, string field, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                v.Add(field, "is required");
            }
        }
        else if (!IsValid(value))
        {
            v.Add(field, $"must be 1-{MaxLength} characters of letters, digits and . _ : - (no spaces or control characters)");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
