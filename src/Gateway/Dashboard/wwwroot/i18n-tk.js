// Turkmen: every label of the page.
export default {
    title: "ClassifiedGateway — operatorlar", evidence: "Subutnamalary ýüklemek (verify-audit --evidence)", language: "Dil", connecting: "birikdirilýär…", live: "göni", offline: "aragatnaşyk ýok — gaýtalanýar",
    kind: "Görnüşi", stage: "Tapgyr", direction: "Ugry", body: "Edara", from: "Başlap", to: "Çenli", overdueOnly: "diňe möhleti geçenler",
    apply: "Ulanmak", reset: "Arassalamak", any: "islendik", outbound: "çykýan", inbound: "gelýän",
    colKind: "Görnüşi", colDirection: "Ugry", colSender: "Iberiji", colReceiver: "Alyjy", colLevel: "Gizlinlik derejesi", colStage: "Tapgyr",
    colAge: "Wagty", colDue: "Möhleti", newest: "Täzeler", older: "Öňküler", obligations: "Borçnamalar (ilki möhleti geçenler)", back: "Yza",
    overdue: "MÖHLETI GEÇDI", refused: "RET EDILDI", flagged: "bellendi", none: "ýok", owedBy: "borçly", due: "möhleti", policy: "syýasat, şertnamanyň teksti däl",
    timeline: "Wakalaryň yzygiderligi", receipt: "Beýleki tarapyň kwitansiýasy", verdicts: "Düzgünleriň çözgütleri", related: "Baglanyşykly habarlar", answeredBy: "Jogaplar",
    inReplyTo: "Jogap berýär", signed: "gol çekilen", unsigned: "gol çekilmedik", digest: "heş", noReceipt: "kwitansiýa entek ýok", noVerdicts: "ret we bellik ýok",
    agreement: "Şertnama", IN_FORCE: "güýjünde", NOT_IN_FORCE: "güýje girmedik", TERMINATION_PENDING: "ýatyrylýar, {date} 24:00 çenli güýjünde ({reading})", TERMINATED: "ýatyryldy, soňky güni {date} ({reading})", READING_CivilCode: "RF RK 191–194-nji maddalary boýunça", READING_StartOfDay: "möhlet gününiň başyndan",
    openObligations: "açyk borçnama", overdueObligations: "möhleti geçen",
    stages: { ACCEPTED: "Kabul edildi", RELAYED: "Iberildi", DELIVERED: "Gowşuryldy", ACKNOWLEDGED: "Tassyklandy", ANSWERED: "Jogap berildi", REFUSED: "Ret edildi", REFUSED_BY_PEER: "Beýleki tarap ret etdi", FAILED: "Şowsuz" },
    events: { STAGE: "", FLAG: "bellik", OVERDUE: "möhleti geçdi", ALARM: "HOWSALA" },
    owed: { RECEIPT_CONFIRMATION_DUE: "Alnandygyny tassyklamak garaşylýar", CLEARANCE_CONFIRMATION_DUE: "Rugsady tassyklamak garaşylýar", VISIT_DECISION_DUE: "Saparyň başlanmagyndan öň çözgüt garaşylýar", INVESTIGATION_RESULT_DUE: "Derňewiň netijeleri garaşylýar" },
    ago: { s: "sek", m: "min", h: "sag", d: "gün" }
};
