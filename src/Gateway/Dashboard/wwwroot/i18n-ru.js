// Russian: every label of the page.
export default {
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
};
