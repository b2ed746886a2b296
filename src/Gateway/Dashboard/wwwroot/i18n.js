// Every label in English, Russian, Kazakh and Turkmen. Classification levels follow Art. 2: the viewer's national form,
// with the Russian form (authoritative) alongside.
window.I18N = {
  en: {
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
  },
  ru: {
    title: "ClassifiedGateway — операторы", evidence: "Скачать доказательства (verify-audit --evidence)", language: "Язык", connecting: "подключение…", live: "в реальном времени", offline: "нет связи — повтор",
    kind: "Вид", stage: "Этап", direction: "Направление", body: "Орган", from: "С", to: "По", overdueOnly: "только просроченные",
    apply: "Применить", reset: "Сбросить", any: "любое", outbound: "исходящее", inbound: "входящее",
    colKind: "Вид", colDirection: "Направление", colSender: "Отправитель", colReceiver: "Получатель", colLevel: "Гриф", colStage: "Этап",
    colAge: "Возраст", colDue: "Срок", newest: "Новые", older: "Ранее", obligations: "Обязательства (сначала просроченные)", back: "Назад",
    overdue: "ПРОСРОЧЕНО", refused: "ОТКЛОНЕНО", flagged: "отмечено", none: "нет", owedBy: "должник", due: "срок", policy: "политика, не текст соглашения",
    timeline: "Хронология", receipt: "Квитанция другой стороны", verdicts: "Решения правил", related: "Связанные сообщения", answeredBy: "Ответы",
    inReplyTo: "Отвечает на", signed: "подписана", unsigned: "не подписана", digest: "хеш", noReceipt: "квитанции ещё нет", noVerdicts: "отказов и отметок нет",
    agreement: "Соглашение", IN_FORCE: "действует", NOT_IN_FORCE: "не вступило в силу", TERMINATION_PENDING: "прекращается, действует до 24:00 {date} ({reading})", TERMINATED: "прекращено, последний день действия {date} ({reading})", READING_CivilCode: "по ст. 191–194 ГК РФ", READING_StartOfDay: "с начала дня окончания срока",
    openObligations: "открытых обязательств", overdueObligations: "просрочено",
    stages: { ACCEPTED: "Принято", RELAYED: "Передано", DELIVERED: "Доставлено", ACKNOWLEDGED: "Подтверждено", ANSWERED: "Получен ответ", REFUSED: "Отклонено", REFUSED_BY_PEER: "Отклонено другой стороной", FAILED: "Ошибка" },
    events: { STAGE: "", FLAG: "отметка", OVERDUE: "просрочка", ALARM: "ТРЕВОГА" },
    owed: { RECEIPT_CONFIRMATION_DUE: "Ожидается подтверждение получения", CLEARANCE_CONFIRMATION_DUE: "Ожидается подтверждение допуска", VISIT_DECISION_DUE: "Ожидается решение о визите до его начала", INVESTIGATION_RESULT_DUE: "Ожидаются результаты расследования" },
    ago: { s: "с", m: "мин", h: "ч", d: "дн" }
  },
  kk: {
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
  },
  tk: {
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
  }
};

// Art. 2: level 1 (highest) .. 3, in each Party's national form and in Russian.
window.LEVELS = {
  KZ: { 1: "Аса маңызды", 2: "Өте құпия", 3: "Құпия" },
  TM: { 1: "Aýratyn ähmiýetli", 2: "Iňňän gizlin", 3: "Gizlin" },
  ru: { 1: "Особой важности", 2: "Совершенно секретно", 3: "Секретно" }
};
