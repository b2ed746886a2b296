// English: every label of the page.
export default {
    title: "ClassifiedGateway — operators", evidence: "Download evidence (verify-audit --evidence)", language: "Language", connecting: "connecting…", live: "live", offline: "offline — retrying",
    kind: "Kind", stage: "Stage", direction: "Direction", body: "Body", from: "From", to: "To", overdueOnly: "overdue only",
    apply: "Apply", reset: "Reset", any: "any", outbound: "outbound", inbound: "inbound",
    colKind: "Kind", colDirection: "Direction", colSender: "Sender", colReceiver: "Receiver", colLevel: "Level", colStage: "Stage",
    colAge: "Age", colDue: "Next due", newest: "Newest", older: "Older", obligations: "Obligations (overdue first)", back: "Back",
    overdue: "OVERDUE", refused: "REFUSED", flagged: "flagged", none: "none", owedBy: "owed by", due: "due", policy: "policy, not treaty text",
    timeline: "Timeline", receipt: "Receipt from the other node", verdicts: "Rule verdicts", related: "Related messages", answeredBy: "Answered by",
    inReplyTo: "Answers", signed: "signed", unsigned: "not signed", digest: "digest", noReceipt: "no receipt yet", noVerdicts: "no refusals or flags",
    agreement: "Agreement", IN_FORCE: "in force", NOT_IN_FORCE: "not in force", TERMINATION_PENDING: "termination pending, in force until 24:00 on {date} ({reading})", TERMINATED: "terminated, last day in force {date} ({reading})", READING_CivilCode: "read by RF Civil Code arts. 191–194", READING_StartOfDay: "read as ending at the start of the end date",
    openObligations: "open obligations", overdueObligations: "overdue",
    stages: { ACCEPTED: "Accepted", RELAYED: "Relayed", DELIVERED: "Delivered", ACKNOWLEDGED: "Acknowledged", ANSWERED: "Answered", REFUSED: "Refused", REFUSED_BY_PEER: "Refused by the other node", FAILED: "Failed" },
    events: { STAGE: "", FLAG: "flag", OVERDUE: "overdue", ALARM: "ALARM" },
    owed: { RECEIPT_CONFIRMATION_DUE: "Receipt confirmation owed", CLEARANCE_CONFIRMATION_DUE: "Clearance confirmation owed", VISIT_DECISION_DUE: "Visit decision owed before the visit", INVESTIGATION_RESULT_DUE: "Investigation result owed" },
    ago: { s: "s", m: "min", h: "h", d: "d" }
};
