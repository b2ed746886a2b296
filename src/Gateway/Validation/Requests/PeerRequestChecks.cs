using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Routing;

namespace ClassifiedGateway.Gateway.Validation.Requests;

/// <summary>Checks of the peer listener's requests: the other node is not trusted with a time either.</summary>
internal static class PeerRequestChecks
{
    /// <summary>Status reports taken in one call.</summary>
    public const int MaxReports = RelayReceiver.MaxBatch;

    public static void Relay(Violations v, RelayRequest r)
    {
        if (r.Notices.Count > RelayReceiver.MaxBatch)
        {
            v.Add("notices", $"at most {RelayReceiver.MaxBatch} per call");
            return;
        }

        for (var i = 0; i < r.Notices.Count; i++)
        {
            v.Time($"notices[{i}].accepted_at", r.Notices[i].AcceptedAt);
        }
    }

    public static void RelayStatus(Violations v, RelayStatusRequest r)
    {
        if (r.Reports.Count > MaxReports)
        {
            v.Add("reports", $"at most {MaxReports} per call");
            return;
        }

        for (var i = 0; i < r.Reports.Count; i++)
        {
            EnvelopeValidator.ValidateId(v, $"reports[{i}].message_id", r.Reports[i].MessageId);
            v.Time($"reports[{i}].at", r.Reports[i].At);
            v.OptionalBodyId($"reports[{i}].by_body", r.Reports[i].ByBody);
        }
    }
}
