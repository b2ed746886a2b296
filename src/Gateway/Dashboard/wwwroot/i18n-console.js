// The operators' console's labels (link strip, identity, actions, audit trail) in English, Russian, Kazakh and Turkmen,
// merged into I18N. Texts take {parameters}; the page fills them.
(() => {
  const add = {
    en: {
      linkUp: "{peer} node reachable since {time}", linkDown: "{peer} node UNREACHABLE since {time}", linkUnknown: "{peer} node: not contacted yet",
      circuit: "circuit: {state}", circuitStates: { CLOSED: "closed", OPEN: "open", HALF_OPEN: "testing", ISOLATED: "isolated" },
      outbox: "outbox: {n}", oldestWaiting: "oldest waiting {age}", undelivered: "undelivered: {n}", unacknowledged: "unacknowledged: {n}",
      certExpiry: "certificates: first expires in {days} days ({name})",
      waitingPeer: "waiting for the other node since {time}", notAcked: "not acknowledged since {time}",
      whoami: "{node} node · {role} {body}", roles: { operator: "operator", observer: "observer (reads only)" },
      retryRelay: "Retry the relay now", retryTitle: "Retry the relay now: why?", proposeSettlement: "Settled outside the gateway…",
      proposeTitle: "Record that this obligation was settled outside the gateway: how?", approve: "Approve (second operator)",
      waitingApproval: "settled outside the gateway by {by}: “{note}” — waiting for a second operator", ownProposal: "you proposed it: another operator must approve",
      note: "Note (required)", confirm: "Confirm", cancel: "Cancel",
      codes: { RETRY_REQUESTED: "Retry requested.", SETTLEMENT_PROPOSED: "Recorded; a second operator must approve it.", SETTLEMENT_APPROVED: "Approved: the obligation is closed.",
        NOTE_REQUIRED: "A note is required (at most 500 characters).", FOUR_EYES: "You proposed it: a second, different operator must approve.", ALREADY_CLOSED: "Already closed.",
        ALREADY_PROPOSED: "Already proposed, waiting for approval.", NOT_FOUND: "Not found.", OBLIGATION_NOT_FOUND: "Not found.", SETTLEMENT_NOT_FOUND: "Not found.", FORBIDDEN: "Not allowed." },
      auditTrail: "Audit trail", auditIntact: "Audit chain verified: intact ({entries} entries, {checkpoints} checkpoints) at {time}",
      auditBroken: "Audit chain BROKEN at entry {seq}: {message} (verified at {time})", verifyNow: "Verify now", auditOlder: "Older", auditNewest: "Newest",
      colSeq: "#", colAt: "When", colWhat: "What", colWho: "Who", colMessage: "Message", colDetail: "Detail"
    },
    ru: {
      linkUp: "узел {peer} доступен с {time}", linkDown: "узел {peer} НЕДОСТУПЕН с {time}", linkUnknown: "узел {peer}: связи ещё не было",
      circuit: "предохранитель: {state}", circuitStates: { CLOSED: "замкнут", OPEN: "разомкнут", HALF_OPEN: "пробная попытка", ISOLATED: "изолирован" },
      outbox: "в исходящей очереди: {n}", oldestWaiting: "старейшее ждёт {age}", undelivered: "не доставлено: {n}", unacknowledged: "не подтверждено: {n}",
      certExpiry: "сертификаты: первый истекает через {days} дн. ({name})",
      waitingPeer: "ожидает другой узел с {time}", notAcked: "не подтверждено с {time}",
      whoami: "узел {node} · {role} {body}", roles: { operator: "оператор", observer: "наблюдатель (только чтение)" },
      retryRelay: "Повторить передачу сейчас", retryTitle: "Повторить передачу сейчас: почему?", proposeSettlement: "Урегулировано вне шлюза…",
      proposeTitle: "Записать, что обязательство урегулировано вне шлюза: как?", approve: "Утвердить (второй оператор)",
      waitingApproval: "урегулировано вне шлюза ({by}): «{note}» — ждёт второго оператора", ownProposal: "это ваше предложение: утвердить должен другой оператор",
      note: "Примечание (обязательно)", confirm: "Подтвердить", cancel: "Отмена",
      codes: { RETRY_REQUESTED: "Повтор запрошен.", SETTLEMENT_PROPOSED: "Записано; нужно утверждение второго оператора.", SETTLEMENT_APPROVED: "Утверждено: обязательство закрыто.",
        NOTE_REQUIRED: "Нужно примечание (не более 500 знаков).", FOUR_EYES: "Это ваше предложение: утвердить должен другой оператор.", ALREADY_CLOSED: "Уже закрыто.",
        ALREADY_PROPOSED: "Уже предложено, ждёт утверждения.", NOT_FOUND: "Не найдено.", OBLIGATION_NOT_FOUND: "Не найдено.", SETTLEMENT_NOT_FOUND: "Не найдено.", FORBIDDEN: "Не разрешено." },
      auditTrail: "Журнал аудита", auditIntact: "Цепочка аудита проверена: целостна ({entries} записей, {checkpoints} контрольных точек), {time}",
      auditBroken: "Цепочка аудита НАРУШЕНА на записи {seq}: {message} (проверено {time})", verifyNow: "Проверить сейчас", auditOlder: "Ранее", auditNewest: "Новые",
      colSeq: "№", colAt: "Когда", colWhat: "Что", colWho: "Кто", colMessage: "Сообщение", colDetail: "Подробности"
    },
    kk: {
      linkUp: "{peer} торабы {time} бастап қолжетімді", linkDown: "{peer} торабы {time} бастап ҚОЛЖЕТІМСІЗ", linkUnknown: "{peer} торабы: әлі байланыс болған жоқ",
      circuit: "сақтандырғыш: {state}", circuitStates: { CLOSED: "тұйық", OPEN: "ажыратылған", HALF_OPEN: "сынақ", ISOLATED: "оқшауланған" },
      outbox: "шығыс кезегінде: {n}", oldestWaiting: "ең ескісі {age} күтуде", undelivered: "жеткізілмеген: {n}", unacknowledged: "расталмаған: {n}",
      certExpiry: "сертификаттар: біріншісінің мерзімі {days} күннен кейін бітеді ({name})",
      waitingPeer: "{time} бастап басқа торапты күтуде", notAcked: "{time} бастап расталмаған",
      whoami: "{node} торабы · {role} {body}", roles: { operator: "оператор", observer: "бақылаушы (тек оқиды)" },
      retryRelay: "Жіберуді қазір қайталау", retryTitle: "Жіберуді қазір қайталау: неге?", proposeSettlement: "Шлюзден тыс реттелді…",
      proposeTitle: "Міндеттеме шлюзден тыс реттелгенін жазу: қалай?", approve: "Бекіту (екінші оператор)",
      waitingApproval: "шлюзден тыс реттелді ({by}): «{note}» — екінші операторды күтуде", ownProposal: "бұл сіздің ұсынысыңыз: басқа оператор бекітуі керек",
      note: "Ескертпе (міндетті)", confirm: "Растау", cancel: "Болдырмау",
      codes: { RETRY_REQUESTED: "Қайталау сұралды.", SETTLEMENT_PROPOSED: "Жазылды; екінші оператор бекітуі керек.", SETTLEMENT_APPROVED: "Бекітілді: міндеттеме жабылды.",
        NOTE_REQUIRED: "Ескертпе қажет (500 таңбадан аспайды).", FOUR_EYES: "Бұл сіздің ұсынысыңыз: басқа оператор бекітуі керек.", ALREADY_CLOSED: "Әлдеқашан жабылған.",
        ALREADY_PROPOSED: "Әлдеқашан ұсынылған, бекітуді күтуде.", NOT_FOUND: "Табылмады.", OBLIGATION_NOT_FOUND: "Табылмады.", SETTLEMENT_NOT_FOUND: "Табылмады.", FORBIDDEN: "Рұқсат етілмейді." },
      auditTrail: "Аудит журналы", auditIntact: "Аудит тізбегі тексерілді: бүтін ({entries} жазба, {checkpoints} бақылау нүктесі), {time}",
      auditBroken: "Аудит тізбегі {seq} жазбада БҰЗЫЛҒАН: {message} ({time} тексерілді)", verifyNow: "Қазір тексеру", auditOlder: "Ертерек", auditNewest: "Жаңалары",
      colSeq: "№", colAt: "Қашан", colWhat: "Не", colWho: "Кім", colMessage: "Хабар", colDetail: "Толығырақ"
    },
    tk: {
      linkUp: "{peer} düwni {time} bäri elýeterli", linkDown: "{peer} düwni {time} bäri ELÝETERSIZ", linkUnknown: "{peer} düwni: entek aragatnaşyk bolmady",
      circuit: "goragçy: {state}", circuitStates: { CLOSED: "ýapyk", OPEN: "açyk", HALF_OPEN: "synag", ISOLATED: "üzňe" },
      outbox: "çykýan nobatda: {n}", oldestWaiting: "iň könesi {age} garaşýar", undelivered: "gowşurylmadyk: {n}", unacknowledged: "tassyklanmadyk: {n}",
      certExpiry: "şahadatnamalar: birinjisiniň möhleti {days} günden gutarýar ({name})",
      waitingPeer: "{time} bäri beýleki düwne garaşýar", notAcked: "{time} bäri tassyklanmadyk",
      whoami: "{node} düwni · {role} {body}", roles: { operator: "operator", observer: "synçy (diňe okaýar)" },
      retryRelay: "Iberişi häzir gaýtala", retryTitle: "Iberişi häzir gaýtala: näme üçin?", proposeSettlement: "Derweze daşynda çözüldi…",
      proposeTitle: "Borçnamanyň derweze daşynda çözülendigini ýaz: nähili?", approve: "Tassykla (ikinji operator)",
      waitingApproval: "derweze daşynda çözüldi ({by}): «{note}» — ikinji operatora garaşýar", ownProposal: "bu siziň teklibiňiz: başga operator tassyklamaly",
      note: "Bellik (hökmany)", confirm: "Tassykla", cancel: "Ýatyr",
      codes: { RETRY_REQUESTED: "Gaýtalamak soraldy.", SETTLEMENT_PROPOSED: "Ýazyldy; ikinji operator tassyklamaly.", SETTLEMENT_APPROVED: "Tassyklandy: borçnama ýapyldy.",
        NOTE_REQUIRED: "Bellik gerek (500 belgiden köp däl).", FOUR_EYES: "Bu siziň teklibiňiz: başga operator tassyklamaly.", ALREADY_CLOSED: "Eýýäm ýapyk.",
        ALREADY_PROPOSED: "Eýýäm teklip edildi, tassyklanmaga garaşýar.", NOT_FOUND: "Tapylmady.", OBLIGATION_NOT_FOUND: "Tapylmady.", SETTLEMENT_NOT_FOUND: "Tapylmady.", FORBIDDEN: "Rugsat berilmeýär." },
      auditTrail: "Audit žurnaly", auditIntact: "Audit zynjyry barlandy: bitewi ({entries} ýazgy, {checkpoints} gözegçilik nokady), {time}",
      auditBroken: "Audit zynjyry {seq} ýazgyda BOZULAN: {message} ({time} barlandy)", verifyNow: "Häzir barla", auditOlder: "Öňräk", auditNewest: "Täzeler",
      colSeq: "№", colAt: "Haçan", colWhat: "Näme", colWho: "Kim", colMessage: "Habar", colDetail: "Jikme-jiklik"
    }
  };
  for (const lang of Object.keys(add)) window.I18N[lang] = Object.assign(window.I18N[lang] || {}, add[lang]);
})();
