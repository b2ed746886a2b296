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
    stages: { ACCEPTED: "Accepted", RELAYED: "Relayed", DELIVERED: "Delivered", ACKNOWLEDGED: "Acknowledged", ANSWERED: "Answered", REFUSED: "Refused", REFUSED_BY_PEER: "Refused by the other node", FAILED: "Failed" },
    events: { STAGE: "", FLAG: "flag", OVERDUE: "overdue", ALARM: "ALARM" },
    search: "Search", searchHint: "id, correlation id, part of a kind or body", dayFormat: "yyyy-mm-dd", exportCsv: "Export CSV", colId: "Id",
    traffic: "Traffic: notices per hour, last 7 days", trafficEmpty: "no notices in these days", byStage: "by stage", byKind: "by kind", noLevel: "no level",
    openObligations: { one: "{n} open obligation", other: "{n} open obligations" }, overdueObligations: { other: "{n} overdue" },
    ago: { s: "s", m: "min", h: "h", d: "d" }, agoForms: { s: { other: "{n} s" }, m: { other: "{n} min" }, h: { other: "{n} h" }, d: { one: "{n} day", other: "{n} days" } },
    units: { hours: { one: "{n} hour", other: "{n} hours" }, days: { one: "{n} day", other: "{n} days" } },
    parties: { Kazakhstan: "Kazakhstan", Turkmenistan: "Turkmenistan" },
    phrases: { "the breach notification": "the breach notification", "the competent-body change": "the competent-body change", "the classification change": "the classification change", "written permission to copy": "written permission to copy", "prior written agreement to destroy or return": "prior written agreement to destroy or return", "prior written consent to third-party access": "prior written consent to third-party access", "ahead of": "ahead of", "behind": "behind", declassification: "declassification", level: "level {level}" },
    receiptStatus: { STORED: "STORED", REFUSED: "REFUSED" },
    kinds: {}
};
