namespace ClassifiedGateway.Gateway.Texts;

/// <summary>The sentences of the rules' refusals and flags (after the article the verdict starts with), keyed by rule id, each with
/// the variant code its verdict has. They are exactly the English the rules write (RuleTextsTests renders each rule's verdict and
/// checks it matches).</summary>
public static class RuleTexts
{
    private const string Originator = "only the originator of '{transfer}', '{originator}' (or its competent body), ";

    public static IReadOnlyList<(string RuleId, TextTemplate Template)> All { get; } =
    [
        R("TRANSFER_ABOVE_CONTRACT_LEVEL", "NOT_REGISTERED", "contract '{contract}' is not registered."),
        R("TRANSFER_ABOVE_CONTRACT_LEVEL", "ABOVE", "carrier '{carrier}' is {level:level}, above contract '{contract}''s {ceiling:level}."),
        R("DERIVED_BELOW_SOURCE_LEVEL", "UNKNOWN_SOURCE", "the source '{source}' of carrier '{carrier}' is not a known transfer and carrier."),
        R("DERIVED_BELOW_SOURCE_LEVEL", "BELOW", "carrier '{carrier}' is marked {level:level}, lower than its source's {source:level}."),
        R("RECEIPT_NOT_FOR_ADDRESSEE", "OTHER_TRANSFER", "receipt_confirmation.transfer_id must name the transfer the receipt answers (in_reply_to)."),
        R("RECEIPT_NOT_FOR_ADDRESSEE", "UNKNOWN_TRANSFER", "'{transfer}' is not a known transfer."),
        R("RECEIPT_NOT_FOR_ADDRESSEE", "OTHER_BODY", "transfer '{transfer}' was addressed to '{addressee}', not to '{sender}'."),
        R("RECEIPT_ALREADY_CONFIRMED", "", "transfer '{transfer}' was already confirmed by '{earlier}'; nothing changes."),
        R("TRANSFER_NEEDS_ARRANGEMENT", "", "transport arrangement '{arrangement}' has not been agreed."),
        R("CARRIERS_NOT_IN_TRANSFER", "", "transfer '{transfer}' holds no carrier {carriers}."),
        R("TRANSFER_NEEDS_CLEARANCE", "NONE", "no clearance confirmation is held for '{body}'; ask its competent body first."),
        R("TRANSFER_NEEDS_CLEARANCE", "NOT_CLEARED", "the latest clearance confirmation for '{body}' ({confirmation}) says it holds no clearance."),
        R("TRANSFER_NEEDS_CLEARANCE", "EXPIRED", "the clearance of '{body}' expired on {until:day} ({confirmation})."),
        R("TRANSFER_NEEDS_CLEARANCE", "TOO_LOW", "'{body}' is cleared to {held:level}, below the carriers' {needed:level}."),
        R("VISIT_REQUEST_TOO_LATE", "", "a visit on {firstDay:day} must be requested by {latest:day}; this request was submitted on {submitted:day}."),
        R("VISITOR_CLEARANCE_TOO_LOW", "", "visitor {visitor:n} holds clearance {held:level}, below the questions' level {needed:level}."),
        R("ARRANGEMENT_AGREEMENT_OTHER_ID", "", "'{proposal}' proposed arrangement '{proposed}', not '{answered}'."),
        R("INVESTIGATION_RESULT_NOT_TO_COMPETENT_BODY", "", "the results go to '{competent}', the competent body of {party:party} that transferred the information, not to '{receiver}'."),
        R("ANSWER_TO_UNKNOWN_REQUEST", "", "'{request}' is not a known request."),
        R("ANSWER_TO_WRONG_KIND", "", "a {answer:kind} answers a {expected:kind}, but '{request}' is a {actual:kind}."),
        R("ANSWER_NOT_BY_ADDRESSEE", "", "'{request}' was not addressed to '{sender}', so it cannot answer it."),
        R("CLEARANCE_CONFIRMATION_OTHER_BODY", "", "'{request}' asked about '{asked}'; this answer speaks of '{confirmed}'. Ask about that body in a request of its own."),
        R("ANSWER_ALREADY_GIVEN", "", "'{request}' was already answered by '{earlier}'."),
        R("COPY_PERMISSION_BEYOND_REQUEST", "", "'{request}' asked for {asked:n} copies; a permission cannot grant {granted:n}."),
        R("AGREEMENT_NOT_IN_FORCE", "", "the agreement is not in force, so a {kind:kind} cannot be sent."),
        R("AGREEMENT_TERMINATED", "", "the agreement is terminated (last day in force {lastDay:day}, read as {reading:reading}); a {kind:kind} can no longer be sent."),
        R("TERMINATION_ALREADY_PENDING", "", "termination notice {notice} is already pending."),
        R("BREACH_NOTIFICATION_LATE", "", "{what:what} was sent {late:dur} after the event; {allowed:policy} are allowed. Accepted and flagged late."),
        R("COMPETENT_BODY_CHANGE_LATE", "", "{what:what} was sent {late:dur} after the event; {allowed:policy} are allowed. Accepted and flagged late."),
        R("CLASSIFICATION_CHANGE_LATE", "", "{what:what} was sent {late:dur} after the event; {allowed:policy} are allowed. Accepted and flagged late."),
        R("COMPETENT_BODIES_ONLY", "SENDER", "a {kind:kind} is sent by the competent body '{competent}', not '{sender}'."),
        R("COMPETENT_BODIES_ONLY", "RECEIVER", "a {kind:kind} is addressed to the competent body '{competent}', not '{receiver}'."),
        R("COMPETENT_BODY_CHANGE_MISMATCH", "", "the current competent body is '{current}', not '{previous}'."),
        .. Grants("COPY_WITHOUT_PERMISSION"),
        R("COPY_WITHOUT_PERMISSION", "TOO_MANY", "permission '{permission}' allows {permitted:n} copies; {already:n} were reported before and this notice adds {copies:n}."),
        .. Grants("DESTRUCTION_WITHOUT_AGREEMENT"),
        .. Grants("THIRD_PARTY_WITHOUT_CONSENT"),
        R("THIRD_PARTY_WITHOUT_CONSENT", "OTHER_THIRD_PARTY", "consent '{consent}' was given for '{asked}', not for '{named}'."),
        .. Requests("COPY_REQUEST_NOT_TO_ORIGINATOR"),
        .. Requests("DESTRUCTION_REQUEST_NOT_TO_ORIGINATOR"),
        .. Requests("THIRD_PARTY_REQUEST_NOT_TO_ORIGINATOR"),
        .. Answers("COPY_PERMISSION_NOT_FROM_ORIGINATOR"),
        .. Answers("DESTRUCTION_AGREEMENT_NOT_FROM_ORIGINATOR"),
        .. Answers("THIRD_PARTY_CONSENT_NOT_FROM_ORIGINATOR"),
        R("CLASSIFICATION_CHANGE_NOT_ORIGINATOR", "UNKNOWN_TRANSFER", "'{transfer}' is not a known transfer."),
        R("CLASSIFICATION_CHANGE_NOT_ORIGINATOR", "NOT_ORIGINATOR", "only the originator '{originator}' may change the marking of '{transfer}'; the receiver needs its written consent."),
        R("JOINT_INFORMATION_NOT_RECORDED", "NOT_JOINT", "'{information}' is not jointly created information in the ledger: it needs a JointCreationNotice confirmed by the other Party's body."),
        R("JOINT_INFORMATION_NOT_RECORDED", "NOT_CO_CREATOR", "'{sender}' is not a co-creator of '{information}' (the co-creators are '{kz}' and '{tm}')."),
        R("JOINT_CONFIRMATION_MISMATCH", "", "'{declaration}' declared '{declared}', not '{confirmed}'."),
        R("JOINT_INFORMATION_ALREADY_DECLARED", "", "'{information}' was already declared by '{earlier}'."),
        R("JOINT_CHANGE_NEEDS_AGREEMENT", "UNKNOWN", "'{agreement}' is not a known JointClassificationChangeAgreement."),
        R("JOINT_CHANGE_NEEDS_AGREEMENT", "NOT_FROM_CO_CREATOR", "JointClassificationChangeAgreement '{agreement}' is not from the other co-creator '{coCreator}'."),
        R("JOINT_CHANGE_NEEDS_AGREEMENT", "OTHER_INFORMATION", "JointClassificationChangeAgreement '{agreement}' concerns '{agreed}', not '{changed}'."),
        R("JOINT_CHANGE_NEEDS_AGREEMENT", "OTHER_CHANGE", "JointClassificationChangeAgreement '{agreement}' agreed to {agreed:change}, not {changed:change}."),
        R("JOINT_CHANGE_NEEDS_AGREEMENT", "TOO_LATE", "JointClassificationChangeAgreement '{agreement}' was given at {agreedAt:instant}, after the change was decided ({decidedAt:instant})."),
    ];

    private static (string, TextTemplate) R(string ruleId, string variant, string english) =>
        (ruleId, new TextTemplate(variant.Length == 0 ? ruleId : $"{ruleId}.{variant}", english));

    /// <summary>GrantLookup's sentences, the same for each handling rule that relies on a grant.</summary>
    private static (string, TextTemplate)[] Grants(string ruleId) =>
    [
        C(ruleId, "GRANT.UNKNOWN_GRANT", "'{grant}' is not a known {grantKind:kind}."),
        C(ruleId, "GRANT.NOT_GRANTED", "{grantKind:kind} '{grant}' did not grant it."),
        C(ruleId, "GRANT.NOT_OUR_REQUEST", "{grantKind:kind} '{grant}' does not answer a {requestKind:kind} of this Party."),
        C(ruleId, "GRANT.OTHER_TRANSFER", "{grantKind:kind} '{grant}' concerns transfer '{about}', not '{transfer}'."),
        C(ruleId, "GRANT.CARRIERS_BEYOND", "'{grant}' answers '{request}', which did not ask about carrier {carriers}."),
    ];

    /// <summary>A request that must go to the originator; <c>what</c> is the permission it asks for.</summary>
    private static (string, TextTemplate)[] Requests(string ruleId) =>
    [
        C(ruleId, "REQUEST_TO_ORIGINATOR.UNKNOWN_TRANSFER", "'{transfer}' is not a known transfer, so it has no originator to ask."),
        C(ruleId, "REQUEST_TO_ORIGINATOR", Originator + "can give {what:what}; this request is addressed to '{receiver}'."),
    ];

    /// <summary>An answer that only the originator gives.</summary>
    private static (string, TextTemplate)[] Answers(string ruleId) =>
    [
        C(ruleId, "ANSWER_FROM_ORIGINATOR.NO_TRANSFER", "'{request}' concerns no known transfer, so no one is its originator."),
        C(ruleId, "ANSWER_FROM_ORIGINATOR", Originator + "gives {what:what}; not '{sender}'."),
    ];

    private static (string, TextTemplate) C(string ruleId, string code, string english) => (ruleId, new TextTemplate(code, english));
}
