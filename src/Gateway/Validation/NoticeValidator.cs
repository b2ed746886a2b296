using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>The fields each kind of notice must carry (AGREEMENT.md).</summary>
internal static class NoticeValidator
{
    public static void Validate(Violations v, Envelope e)
    {
        switch (e.NoticeCase)
        {
            case Case.CompetentBodyChange:
                v.OptionalBodyId("competent_body_change.previous_body_id", e.CompetentBodyChange.PreviousBodyId);
                v.BodyId("competent_body_change.new_body_id", e.CompetentBodyChange.NewBodyId);
                v.Text("competent_body_change.new_name", e.CompetentBodyChange.NewName);
                v.Time("competent_body_change.effective_at", e.CompetentBodyChange.EffectiveAt);
                break;
            case Case.ClearanceConfirmationRequest:
                v.BodyId("clearance_confirmation_request.authorized_body_id", e.ClearanceConfirmationRequest.AuthorizedBodyId);
                v.Level("clearance_confirmation_request.level_required", e.ClearanceConfirmationRequest.LevelRequired);
                break;
            case Case.ClearanceConfirmation:
                ValidateClearanceConfirmation(v, e.ClearanceConfirmation);
                break;
            case Case.TransferNotice:
                ValidateTransfer(v, e.TransferNotice, e.Level);
                break;
            case Case.ReceiptConfirmation:
                v.Text("receipt_confirmation.transfer_id", e.ReceiptConfirmation.TransferId, 128);
                break;
            case Case.TransportArrangement:
                v.Text("transport_arrangement.arrangement_id", e.TransportArrangement.ArrangementId, 128);
                v.Text("transport_arrangement.transport_method", e.TransportArrangement.TransportMethod);
                v.Text("transport_arrangement.route", e.TransportArrangement.Route);
                break;
            case Case.ClassificationChange:
                ValidateClassificationChange(v, e.ClassificationChange);
                break;
            case Case.CopyRequest:
                v.Text("copy_request.transfer_id", e.CopyRequest.TransferId, 128);
                Positive(v, "copy_request.copies", e.CopyRequest.Copies);
                break;
            case Case.CopyPermission:
                if (e.CopyPermission.Granted)
                {
                    Positive(v, "copy_permission.copies_permitted", e.CopyPermission.CopiesPermitted);
                }

                break;
            case Case.DestructionRequest:
                v.Text("destruction_request.transfer_id", e.DestructionRequest.TransferId, 128);
                if (e.DestructionRequest.Method == DisposalMethod.Unspecified || !Enum.IsDefined(e.DestructionRequest.Method))
                {
                    v.Add("destruction_request.method", "must be DESTROY or RETURN");
                }

                break;
            case Case.DestructionNotice:
                v.Text("destruction_notice.transfer_id", e.DestructionNotice.TransferId, 128);
                v.Time("destruction_notice.destroyed_at", e.DestructionNotice.DestroyedAt);
                v.Text("destruction_notice.destruction_agreement_id", e.DestructionNotice.DestructionAgreementId, 128);
                break;
            case Case.ThirdPartyDisclosureRequest:
                v.Text("third_party_disclosure_request.transfer_id", e.ThirdPartyDisclosureRequest.TransferId, 128);
                v.Text("third_party_disclosure_request.third_party", e.ThirdPartyDisclosureRequest.ThirdParty);
                break;
            case Case.VisitRequest:
                VisitRequestValidator.Validate(v, e.VisitRequest);
                break;
            case Case.BreachNotification:
                v.Time("breach_notification.discovered_at", e.BreachNotification.DiscoveredAt);
                v.Text("breach_notification.circumstances", e.BreachNotification.Circumstances, 8192);
                break;
            case Case.InvestigationResult:
                v.Text("investigation_result.findings", e.InvestigationResult.Findings, 8192);
                v.Text("investigation_result.measures_taken", e.InvestigationResult.MeasuresTaken, 8192);
                break;
            case Case.ConsultationRequest:
                v.Text("consultation_request.subject", e.ConsultationRequest.Subject);
                break;
            case Case.RegulationsExchange:
                v.Text("regulations_exchange.title", e.RegulationsExchange.Title);
                break;
            case Case.DomesticProceduresCompleted:
                v.Date("domestic_procedures_completed.completed_on", e.DomesticProceduresCompleted.CompletedOn);
                break;
            case Case.ContractRegistration:
                ValidateContract(v, e.ContractRegistration);
                break;
            case Case.CopyNotice:
                v.Text("copy_notice.transfer_id", e.CopyNotice.TransferId, 128);
                Positive(v, "copy_notice.copies", e.CopyNotice.Copies);
                v.Text("copy_notice.copy_permission_id", e.CopyNotice.CopyPermissionId, 128);
                break;
            case Case.ThirdPartyDisclosureNotice:
                v.Text("third_party_disclosure_notice.transfer_id", e.ThirdPartyDisclosureNotice.TransferId, 128);
                v.Text("third_party_disclosure_notice.third_party", e.ThirdPartyDisclosureNotice.ThirdParty);
                v.Text("third_party_disclosure_notice.consent_id", e.ThirdPartyDisclosureNotice.ConsentId, 128);
                break;
            case Case.JointCreationNotice or Case.JointCreationConfirmation or Case.JointClassificationChangeAgreement:
                JointNoticeValidator.Validate(v, e);
                break;
            default:
                // DestructionAgreement, ThirdPartyDisclosureConsent, VisitDecision, TerminationNotice: every field is optional.
                break;
        }
    }

    private static void ValidateClearanceConfirmation(Violations v, ClearanceConfirmation c)
    {
        v.BodyId("clearance_confirmation.authorized_body_id", c.AuthorizedBodyId);
        if (c.Confirmed)
        {
            v.Level("clearance_confirmation.level_held", c.LevelHeld);
            v.Date("clearance_confirmation.valid_until", c.ValidUntil);
        }
    }

    private static void ValidateTransfer(Violations v, TransferNotice t, ClassificationLevel envelopeLevel)
    {
        v.NotEmpty("transfer_notice.carriers", t.Carriers);
        for (var i = 0; i < t.Carriers.Count; i++)
        {
            v.Text($"transfer_notice.carriers[{i}].carrier_id", t.Carriers[i].CarrierId, 128);
            v.Level($"transfer_notice.carriers[{i}].level", t.Carriers[i].Level);
            if (t.Carriers[i].DerivedFromTransferId.Length > 0 && t.Carriers[i].DerivedFromCarrierId.Length == 0)
            {
                v.Add($"transfer_notice.carriers[{i}].derived_from_carrier_id", "is required with derived_from_transfer_id");
            }

            if (envelopeLevel != ClassificationLevel.Unspecified && t.Carriers[i].Level != ClassificationLevel.Unspecified
                && t.Carriers[i].Level < envelopeLevel)
            {
                // Lower enum value = higher level: the envelope must show the highest level carried.
                v.Add($"transfer_notice.carriers[{i}].level", "is higher than envelope.level; the envelope must carry the highest level transferred");
            }
        }

        if (t.Channel == TransferChannel.Unspecified || !Enum.IsDefined(t.Channel))
        {
            v.Add("transfer_notice.channel", "must name an Art. 5.4/5.5 channel");
        }

        if (t.Channel == TransferChannel.SpecialArrangement)
        {
            v.Text("transfer_notice.transport_arrangement_id", t.TransportArrangementId, 128);
        }

        v.Time("transfer_notice.dispatched_at", t.DispatchedAt);
    }

    private static void ValidateClassificationChange(Violations v, ClassificationChange c)
    {
        if (c.JointlyCreated)
        {
            JointNoticeValidator.ValidateJointChange(v, c);
        }
        else
        {
            v.Text("classification_change.transfer_id", c.TransferId, 128);
            if (c.JointInformationId.Length > 0)
            {
                v.Add("classification_change.joint_information_id", "is set only with jointly_created");
            }
        }

        if (c.Declassified == (c.NewLevel != ClassificationLevel.Unspecified))
        {
            v.Add("classification_change.new_level", "set either a new level or declassified, not both or neither");
        }
        else if (!c.Declassified)
        {
            v.Level("classification_change.new_level", c.NewLevel);
        }

        v.Time("classification_change.decided_at", c.DecidedAt);
    }

    private static void ValidateContract(Violations v, ContractRegistration c)
    {
        v.Text("contract_registration.contract_reference", c.ContractReference, 128);
        v.Text("contract_registration.title", c.Title);
        v.NotEmpty("contract_registration.items", c.Items);
        for (var i = 0; i < c.Items.Count; i++)
        {
            v.Text($"contract_registration.items[{i}].subject", c.Items[i].Subject);
            v.Level($"contract_registration.items[{i}].level", c.Items[i].Level);
        }
    }

    private static void Positive(Violations v, string field, int value)
    {
        if (value <= 0)
        {
            v.Add(field, "must be positive");
        }
    }
}
