// Kazakh: every label of the page.
export default {
    title: "ClassifiedGateway — операторлар", evidence: "Дәлелдерді жүктеу (verify-audit --evidence)", language: "Тіл", connecting: "қосылуда…", live: "нақты уақытта", offline: "байланыс жоқ — қайталануда",
    kind: "Түрі", stage: "Кезең", direction: "Бағыты", body: "Орган", from: "Бастап", to: "Дейін", overdueOnly: "тек мерзімі өткендер",
    apply: "Қолдану", reset: "Тазарту", any: "кез келген", outbound: "шығыс", inbound: "кіріс",
    colKind: "Түрі", colDirection: "Бағыты", colSender: "Жіберуші", colReceiver: "Алушы", colLevel: "Гриф", colStage: "Кезең",
    colAge: "Жасы", colDue: "Мерзімі", newest: "Жаңалары", older: "Бұрынғылар", obligations: "Міндеттемелер (алдымен мерзімі өткендер)", back: "Артқа",
    overdue: "МЕРЗІМІ ӨТТІ", refused: "ҚАБЫЛДАНБАДЫ", flagged: "белгіленді", none: "жоқ", owedBy: "борышкер", due: "мерзімі", policy: "саясат, келісім мәтіні емес",
    timeline: "Хронология", receipt: "Басқа тараптың түбіртегі", verdicts: "Ереже шешімдері", related: "Байланысты хабарлар", answeredBy: "Жауаптар",
    inReplyTo: "Жауап береді", signed: "қол қойылған", unsigned: "қол қойылмаған", digest: "хеш", noReceipt: "түбіртек әлі жоқ", noVerdicts: "бас тарту мен белгі жоқ",
    agreement: "Келісім", IN_FORCE: "күшінде", NOT_IN_FORCE: "күшіне енбеген", TERMINATION_PENDING: "тоқтатылуда, {date} 24:00-ге дейін күшінде ({reading})", TERMINATED: "тоқтатылды, соңғы күні {date} ({reading})", READING_CivilCode: "РФ АК 191–194-баптары бойынша", READING_StartOfDay: "мерзім күнінің басынан",
    openObligations: "ашық міндеттеме", overdueObligations: "мерзімі өткен",
    stages: { ACCEPTED: "Қабылданды", RELAYED: "Жіберілді", DELIVERED: "Жеткізілді", ACKNOWLEDGED: "Расталды", ANSWERED: "Жауап алынды", REFUSED: "Қабылданбады", REFUSED_BY_PEER: "Басқа тарап қабылдамады", FAILED: "Қате" },
    events: { STAGE: "", FLAG: "белгі", OVERDUE: "мерзім өтті", ALARM: "ДАБЫЛ" },
    owed: { RECEIPT_CONFIRMATION_DUE: "Алынғанын растау күтілуде", CLEARANCE_CONFIRMATION_DUE: "Рұқсатты растау күтілуде", VISIT_DECISION_DUE: "Сапар басталғанға дейін шешім күтілуде", INVESTIGATION_RESULT_DUE: "Тергеу нәтижелері күтілуде" },
    ago: { s: "с", m: "мин", h: "сағ", d: "күн" }
};
