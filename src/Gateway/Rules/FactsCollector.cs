using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>The one place that reads the ledger for a notice: everything any rule may look at, fetched up front.</summary>
public static class FactsCollector
{
    public static Facts Collect(Envelope e, ILedger ledger, RulesOptions options, HostTimeZones zones, Party localParty, DateTimeOffset now,
        TerminationReading reading = TerminationReading.CivilCode)
    {
        var entries = new Dictionary<string, LedgerEntry>();
        var keys = new List<string>();

        void Add(string? id, Envelope? replying = null)
        {
            if (string.IsNullOrEmpty(id) || entries.ContainsKey(id) || (replying is null ? ledger.Find(id) : ledger.FindRequest(replying)) is not { } entry)
            {
                return;
            }

            entries[id] = entry;
            foreach (var answer in ledger.AnswersTo(entry.StoreKey))
            {
                entries[answer.Id] = answer;
            }
        }

        void Key(string key) => keys.Add(key);

        // in_reply_to first: it binds to the answered Party's notice, whatever else shares its id.
        Add(e.InReplyTo, e);
        foreach (var id in References(e))
        {
            Add(id);
        }

        // Second hop: the request a permission, consent or agreement answers, and what that request concerns.
        var firstHop = entries.Values.ToList();
        foreach (var x in firstHop)
        {
            Add(x.Envelope.InReplyTo, x.Envelope);
        }

        foreach (var id in firstHop.Select(x => LedgerKeys.TransferIdOf(x.Envelope)))
        {
            Add(id);
        }

        foreach (var transfer in entries.Values.Where(x => x.Envelope.NoticeCase == Envelope.NoticeOneofCase.TransferNotice).Select(x => x.Id).ToList())
        {
            Key(LedgerKeys.Transfer(transfer));
        }

        if (JointInformationOf(e) is { } joint)
        {
            Key(LedgerKeys.Joint(joint));
        }

        Key(LedgerKeys.DomesticProcedures);
        Key(LedgerKeys.Termination);
        Key(LedgerKeys.CompetentBodyChanges);
        if (e.NoticeCase == Envelope.NoticeOneofCase.TransferNotice)
        {
            Key(LedgerKeys.Clearance(e.ReceiverParty, e.ReceiverBody));
            Key(LedgerKeys.Arrangement(e.TransferNotice.TransportArrangementId));
            Key(LedgerKeys.Contract(e.TransferNotice.ContractReference));
        }

        // One lookup for every key (the three standing facts are read for every notice).
        var keyed = ledger.ByKeys(keys);
        var agreement = AgreementCalculator.Compute(options, zones, localParty, keyed[LedgerKeys.DomesticProcedures], keyed[LedgerKeys.Termination], now, reading);
        var bodies = CompetentBodies.From(options, keyed[LedgerKeys.CompetentBodyChanges]);
        return new Facts(entries.Values, keyed, agreement, bodies);
    }

    /// <summary>The jointly created information a notice names, if any (Art. 6.3).</summary>
    public static string? JointInformationOf(Envelope e) => e.NoticeCase switch
    {
        Envelope.NoticeOneofCase.ClassificationChange when e.ClassificationChange.JointlyCreated => e.ClassificationChange.JointInformationId,
        Envelope.NoticeOneofCase.JointCreationNotice => e.JointCreationNotice.InformationId,
        Envelope.NoticeOneofCase.JointCreationConfirmation => e.JointCreationConfirmation.InformationId,
        Envelope.NoticeOneofCase.JointClassificationChangeAgreement => e.JointClassificationChangeAgreement.InformationId,
        _ => null,
    } is { Length: > 0 } id ? id : null;

    /// <summary>Every message id a notice refers to.</summary>
    public static IEnumerable<string> References(Envelope e)
    {
        yield return e.InReplyTo;
        if (LedgerKeys.TransferIdOf(e) is { } transfer)
        {
            yield return transfer;
        }

        switch (e.NoticeCase)
        {
            case Envelope.NoticeOneofCase.TransferNotice:
                foreach (var carrier in e.TransferNotice.Carriers)
                {
                    yield return carrier.DerivedFromTransferId;
                }

                break;
            case Envelope.NoticeOneofCase.ClassificationChange:
                yield return e.ClassificationChange.JointAgreementReference;
                break;
            case Envelope.NoticeOneofCase.CopyNotice:
                yield return e.CopyNotice.CopyPermissionId;
                break;
            case Envelope.NoticeOneofCase.DestructionNotice:
                yield return e.DestructionNotice.DestructionAgreementId;
                break;
            case Envelope.NoticeOneofCase.ThirdPartyDisclosureNotice:
                yield return e.ThirdPartyDisclosureNotice.ConsentId;
                break;
        }
    }
}
