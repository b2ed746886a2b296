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
    stages: { ACCEPTED: "Қабылданды", RELAYED: "Жіберілді", DELIVERED: "Жеткізілді", ACKNOWLEDGED: "Расталды", ANSWERED: "Жауап алынды", REFUSED: "Қабылданбады", REFUSED_BY_PEER: "Басқа тарап қабылдамады", FAILED: "Қате" },
    events: { STAGE: "", FLAG: "белгі", OVERDUE: "мерзім өтті", ALARM: "ДАБЫЛ" },
    search: "Іздеу", searchHint: "сәйкестендіргіш, корреляция сәйкестендіргіші, түр не орган атауының бөлігі", dayFormat: "жжжж-аа-кк", exportCsv: "CSV түсіру", colId: "Сәйкестендіргіш",
    traffic: "Ағын: соңғы 7 күнде сағатына хабарламалар", trafficEmpty: "бұл күндері хабарлама жоқ", byStage: "кезеңдер бойынша", byKind: "түрлер бойынша", noLevel: "белгісіз",
    openObligations: { one: "{n} ашық міндеттеме", other: "{n} ашық міндеттеме" }, overdueObligations: { other: "мерзімі өткені: {n}" },
    ago: { s: { other: "{n} с" }, m: { other: "{n} мин" }, h: { other: "{n} сағ" }, d: { other: "{n} күн" } },
    units: { hours: { other: "{n} сағат" }, days: { other: "{n} күн" } },
    parties: { Kazakhstan: "Қазақстан Республикасы", Turkmenistan: "Түрікменстан" },
    phrases: { "written permission to copy": "Көшірме жасауға жазбаша рұқсатты", "prior written agreement to destroy or return": "Жоюға немесе қайтаруға алдын ала жазбаша келісімді", "prior written consent to third-party access": "Үшінші тараптың қол жеткізуіне алдын ала жазбаша келісімді", "ahead of": "алда", "behind": "артта", declassification: "құпиясыздандыру", level: "{level} белгісі" },
    receiptStatus: { STORED: "сақталды", REFUSED: "қабылданбады" },
    kinds: { ClearanceConfirmationRequest: "Рұқсатты растау туралы сұрау", ClearanceConfirmation: "Рұқсатты растау", TransferNotice: "Беру туралы хабарлама", ReceiptConfirmation: "Алынғанын растау", TransportArrangement: "Тасымалдау тәртібі", ClassificationChange: "Құпиялылық белгісін өзгерту", CopyRequest: "Көшірме жасауға сұрау", CopyPermission: "Көшірме жасауға рұқсат", CopyNotice: "Көшірме жасау туралы хабарлама", DestructionRequest: "Жоюға сұрау", DestructionAgreement: "Жоюға келісім", DestructionNotice: "Жою туралы хабарлама", ThirdPartyDisclosureRequest: "Үшінші тарапқа беруге сұрау", ThirdPartyDisclosureConsent: "Үшінші тарапқа беруге келісім", ThirdPartyDisclosureNotice: "Үшінші тарапқа беру туралы хабарлама", JointCreationNotice: "Бірлесіп жасау туралы хабарлама", JointCreationConfirmation: "Бірлесіп жасауды растау", JointClassificationChangeAgreement: "Бірлескен ақпараттың белгісін өзгертуге келісім", VisitRequest: "Сапарға сұрау", VisitDecision: "Сапар туралы шешім", BreachNotification: "Бұзушылық туралы хабарлама", InvestigationResult: "Тергеу нәтижелері", ConsultationRequest: "Консультацияларға сұрау", RegulationsExchange: "Нормативтік құқықтық актілер алмасу", DomesticProceduresCompleted: "Мемлекетішілік рәсімдердің орындалғаны туралы хабарлама", TerminationNotice: "Тоқтату туралы хабарлама", CompetentBodyChange: "Құзыретті органның өзгеруі", ContractRegistration: "Шартты тіркеу" }
};
