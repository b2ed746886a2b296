using System.Formats.Asn1;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Reads the URI entries of a subjectAltName extension (GeneralName [6] uniformResourceIdentifier).</summary>
internal static class SubjectAltNames
{
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    public static IReadOnlyList<string> Uris(byte[] extensionValue)
    {
        var uris = new List<string>();
        try
        {
            var sequence = new AsnReader(extensionValue, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.HasSameClassAndValue(UriTag))
                {
                    uris.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return uris;
    }
}
