'use strict';
// Valid sample notices of every kind, and an exchange in which the rules accept each one (the same order as
// tests/ClassifiedGateway.Tests/Integration/AllNoticeKindsTests.cs: requests before their answers, clearance before
// transfers, a transfer before what concerns it).

const KZ_CB = 'kz-knb';
const TM_CB = 'tm-mns';
const KZ_AB = 'kz-ab-1';
const TM_AB = 'tm-ab-1';

/** Kinds that concern classified material carry an Art. 2 level on the envelope. */
const CLASSIFIED = new Set([
  'transferNotice', 'classificationChange', 'copyRequest', 'destructionRequest', 'destructionNotice',
  'thirdPartyDisclosureRequest', 'visitRequest', 'breachNotification', 'copyNotice', 'thirdPartyDisclosureNotice',
  'jointCreationNotice',
]);

function timestamp(date) {
  const ms = date.getTime();
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

function calendar(date) {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** A valid payload of each kind (field names as proto-loader/protobufjs give them: camelCase). */
function sample(kind, now) {
  const ts = timestamp(now);
  const nextYear = { year: now.getUTCFullYear() + 1, month: 1, day: 31 };
  const inTwoMonths = new Date(now.getTime());
  inTwoMonths.setUTCMonth(inTwoMonths.getUTCMonth() + 2);
  switch (kind) {
    case 'competentBodyChange': return { newBodyId: 'kz-knb-2', newName: 'Renamed body', effectiveAt: ts, previousBodyId: KZ_CB };
    case 'clearanceConfirmationRequest': return { authorizedBodyId: TM_AB, levelRequired: 'CLASSIFICATION_LEVEL_SECRET' };
    case 'clearanceConfirmation': return { authorizedBodyId: TM_AB, confirmed: true, levelHeld: 'CLASSIFICATION_LEVEL_TOP_SECRET', validUntil: nextYear };
    case 'transferNotice': return {
      carriers: [{ carrierId: 'c-1', level: 'CLASSIFICATION_LEVEL_SECRET', description: 'Carrier', copies: 1 }],
      channel: 'TRANSFER_CHANNEL_STATE_COURIER',
      dispatchedAt: ts,
    };
    case 'receiptConfirmation': return { transferId: 't-1', receivedAt: ts };
    case 'transportArrangement': return { arrangementId: 'a-1', transportMethod: 'Escorted car', route: 'Astana-Ashgabat' };
    case 'classificationChange': return { transferId: 't-1', newLevel: 'CLASSIFICATION_LEVEL_SECRET', decidedAt: ts };
    case 'copyRequest': return { transferId: 't-1', copies: 2 };
    case 'copyPermission': return { granted: true, copiesPermitted: 2 };
    case 'destructionRequest': return { transferId: 't-1', method: 'DISPOSAL_METHOD_DESTROY' };
    case 'destructionAgreement': return { agreed: true };
    case 'destructionNotice': return { transferId: 't-1', destroyedAt: ts, destructionAgreementId: 'd-1' };
    case 'thirdPartyDisclosureRequest': return { transferId: 't-1', thirdParty: 'Someone' };
    case 'thirdPartyDisclosureConsent': return { granted: false };
    case 'visitRequest': return {
      visitors: [{
        surname: 'Testov', givenName: 'Test', dateOfBirth: { year: 1980, month: 5, day: 17 }, placeOfBirth: 'Astana',
        citizenship: 'KZ', passportNumber: 'N0000000', position: 'Officer', employerBodyId: KZ_AB,
        clearanceLevel: 'CLASSIFICATION_LEVEL_TOP_SECRET',
      }],
      firstDay: calendar(inTwoMonths),
      durationDays: 3,
      purpose: 'Consultations',
      topics: [{ subject: 'Topic', level: 'CLASSIFICATION_LEVEL_SECRET' }],
      bodiesToVisit: [TM_AB],
    };
    case 'visitDecision': return { approved: true };
    case 'breachNotification': return { discoveredAt: ts, circumstances: 'Circumstances' };
    case 'investigationResult': return { findings: 'Findings', measuresTaken: 'Measures' };
    case 'consultationRequest': return { subject: 'Consultations' };
    case 'regulationsExchange': return { title: 'Law on state secrets' };
    case 'domesticProceduresCompleted': return { completedOn: { year: 2017, month: 8, day: 21 } };
    case 'terminationNotice': return { reason: 'Test' };
    case 'contractRegistration': return { contractReference: 'k-1', title: 'Contract', items: [{ subject: 'Item', level: 'CLASSIFICATION_LEVEL_TOP_SECRET' }] };
    case 'copyNotice': return { transferId: 't-1', copies: 1, copyPermissionId: 'p-1' };
    case 'thirdPartyDisclosureNotice': return { transferId: 't-1', thirdParty: 'Someone', consentId: 'c-1' };
    case 'jointCreationNotice': return { informationId: 'j-1', level: 'CLASSIFICATION_LEVEL_TOP_SECRET', createdAt: ts, description: 'Joint' };
    case 'jointCreationConfirmation': return { informationId: 'j-1', confirmed: true };
    case 'jointClassificationChangeAgreement': return { informationId: 'j-1', newLevel: 'CLASSIFICATION_LEVEL_SECRET' };
    default: return undefined;
  }
}

/** An envelope of `kind` from `from` ('KZ'|'TM'), `sender` body to `receiver` body. */
function envelope(id, from, kind, sender, receiver, now) {
  const payload = sample(kind, now);
  if (payload === undefined) {
    throw new Error(`no sample payload for notice kind '${kind}' in clients/node/lib/notices.js`);
  }
  const e = {
    id,
    senderParty: from === 'KZ' ? 'PARTY_KZ' : 'PARTY_TM',
    senderBody: sender,
    receiverParty: from === 'KZ' ? 'PARTY_TM' : 'PARTY_KZ',
    receiverBody: receiver,
    createdAt: timestamp(now),
    inReplyTo: '',
    correlationId: `corr-${id}`,
    [kind]: payload,
  };
  if (CLASSIFIED.has(kind)) {
    e.level = 'CLASSIFICATION_LEVEL_SECRET';
  }
  return e;
}

/**
 * The exchange: [from, id suffix, kind, sender, receiver, edit(envelope, idOf)]. KZ sends every kind; TM sends what KZ's
 * answers and handling notices rely on. `idOf(suffix)` gives the run's id of an earlier step.
 */
const EXCHANGE = [
  ['KZ', 'k-ccr', 'clearanceConfirmationRequest', KZ_CB, TM_CB, (e) => { e.clearanceConfirmationRequest.authorizedBodyId = TM_AB; }],
  ['TM', 't-cc', 'clearanceConfirmation', TM_CB, KZ_CB, (e, id) => { e.inReplyTo = id('k-ccr'); }],
  ['KZ', 'k-contract', 'contractRegistration', KZ_AB, TM_AB],
  ['KZ', 'k-arr', 'transportArrangement', KZ_AB, TM_AB],
  ['TM', 't-arr', 'transportArrangement', TM_AB, KZ_AB, (e, id) => { e.inReplyTo = id('k-arr'); e.transportArrangement.agreed = true; }],
  ['KZ', 'k-transfer', 'transferNotice', KZ_AB, TM_AB, (e) => {
    e.transferNotice.channel = 'TRANSFER_CHANNEL_SPECIAL_ARRANGEMENT';
    e.transferNotice.transportArrangementId = 'a-1';
    e.transferNotice.contractReference = 'k-1';
  }],
  ['KZ', 'k-class', 'classificationChange', KZ_AB, TM_AB, (e, id) => {
    e.classificationChange.transferId = id('k-transfer');
    e.classificationChange.newLevel = 'CLASSIFICATION_LEVEL_TOP_SECRET';
    e.level = 'CLASSIFICATION_LEVEL_TOP_SECRET';
  }],
  ['TM', 't-copyreq', 'copyRequest', TM_AB, KZ_AB, (e, id) => { e.copyRequest.transferId = id('k-transfer'); }],
  ['KZ', 'k-copyperm', 'copyPermission', KZ_AB, TM_AB, (e, id) => { e.inReplyTo = id('t-copyreq'); }],
  ['TM', 't-destreq', 'destructionRequest', TM_AB, KZ_AB, (e, id) => { e.destructionRequest.transferId = id('k-transfer'); }],
  ['KZ', 'k-destagr', 'destructionAgreement', KZ_AB, TM_AB, (e, id) => { e.inReplyTo = id('t-destreq'); }],
  ['TM', 't-tpreq', 'thirdPartyDisclosureRequest', TM_AB, KZ_AB, (e, id) => { e.thirdPartyDisclosureRequest.transferId = id('k-transfer'); }],
  ['KZ', 'k-tpconsent', 'thirdPartyDisclosureConsent', KZ_AB, TM_AB, (e, id) => { e.inReplyTo = id('t-tpreq'); }],
  ['TM', 't-visit', 'visitRequest', TM_CB, KZ_CB],
  ['KZ', 'k-visitdec', 'visitDecision', KZ_CB, TM_CB, (e, id) => { e.inReplyTo = id('t-visit'); }],
  ['TM', 't-ccr', 'clearanceConfirmationRequest', TM_CB, KZ_CB, (e) => { e.clearanceConfirmationRequest.authorizedBodyId = KZ_AB; }],
  ['KZ', 'k-cc', 'clearanceConfirmation', KZ_CB, TM_CB, (e, id) => { e.inReplyTo = id('t-ccr'); e.clearanceConfirmation.authorizedBodyId = KZ_AB; }],
  ['TM', 't-transfer', 'transferNotice', TM_AB, KZ_AB],
  ['KZ', 'k-receipt', 'receiptConfirmation', KZ_AB, TM_AB, (e, id) => { e.inReplyTo = id('t-transfer'); e.receiptConfirmation.transferId = id('t-transfer'); }],
  ['KZ', 'k-copyreq', 'copyRequest', KZ_AB, TM_AB, (e, id) => { e.copyRequest.transferId = id('t-transfer'); }],
  ['TM', 't-copyperm', 'copyPermission', TM_AB, KZ_AB, (e, id) => { e.inReplyTo = id('k-copyreq'); }],
  ['KZ', 'k-copynotice', 'copyNotice', KZ_AB, TM_AB, (e, id) => {
    e.copyNotice = { transferId: id('t-transfer'), copies: 2, copyPermissionId: id('t-copyperm') };
  }],
  ['KZ', 'k-destreq', 'destructionRequest', KZ_AB, TM_AB, (e, id) => { e.destructionRequest.transferId = id('t-transfer'); }],
  ['TM', 't-destagr', 'destructionAgreement', TM_AB, KZ_AB, (e, id) => { e.inReplyTo = id('k-destreq'); }],
  ['KZ', 'k-destnotice', 'destructionNotice', KZ_AB, TM_AB, (e, id) => {
    e.destructionNotice.transferId = id('t-transfer');
    e.destructionNotice.destructionAgreementId = id('t-destagr');
  }],
  ['KZ', 'k-tpreq', 'thirdPartyDisclosureRequest', KZ_AB, TM_AB, (e, id) => {
    e.thirdPartyDisclosureRequest.transferId = id('t-transfer');
    e.thirdPartyDisclosureRequest.thirdParty = 'Y';
  }],
  ['TM', 't-tpconsent', 'thirdPartyDisclosureConsent', TM_AB, KZ_AB, (e, id) => { e.inReplyTo = id('k-tpreq'); e.thirdPartyDisclosureConsent.granted = true; }],
  ['KZ', 'k-tpnotice', 'thirdPartyDisclosureNotice', KZ_AB, TM_AB, (e, id) => {
    e.thirdPartyDisclosureNotice = { transferId: id('t-transfer'), thirdParty: 'Y', consentId: id('t-tpconsent') };
  }],
  // Art. 6.3: information created jointly, declared by each side and confirmed by the other; then a change agreed.
  ['TM', 't-joint', 'jointCreationNotice', TM_AB, KZ_AB, (e, id) => { e.jointCreationNotice.informationId = id('j-tm'); }],
  ['KZ', 'k-jointconf', 'jointCreationConfirmation', KZ_AB, TM_AB, (e, id) => {
    e.inReplyTo = id('t-joint');
    e.jointCreationConfirmation.informationId = id('j-tm');
  }],
  ['KZ', 'k-joint', 'jointCreationNotice', KZ_AB, TM_AB, (e, id) => { e.jointCreationNotice.informationId = id('j-kz'); }],
  ['TM', 't-jointconf', 'jointCreationConfirmation', TM_AB, KZ_AB, (e, id) => {
    e.inReplyTo = id('k-joint');
    e.jointCreationConfirmation.informationId = id('j-kz');
  }],
  ['KZ', 'k-jointagr', 'jointClassificationChangeAgreement', KZ_AB, TM_AB, (e, id) => { e.jointClassificationChangeAgreement.informationId = id('j-tm'); }],
  ['TM', 't-jointclass', 'classificationChange', TM_AB, KZ_AB, (e, id) => {
    e.classificationChange = {
      jointlyCreated: true, jointInformationId: id('j-tm'), jointAgreementReference: id('k-jointagr'),
      newLevel: 'CLASSIFICATION_LEVEL_SECRET', decidedAt: e.createdAt,
    };
  }],
  ['KZ', 'k-breach', 'breachNotification', KZ_CB, TM_CB, (e, id) => { e.breachNotification.transferId = id('t-transfer'); }],
  ['KZ', 'k-invest', 'investigationResult', KZ_CB, TM_CB, (e, id) => { e.inReplyTo = id('k-breach'); }],
  ['KZ', 'k-visit', 'visitRequest', KZ_CB, TM_CB],
  ['KZ', 'k-consult', 'consultationRequest', KZ_CB, TM_CB],
  ['KZ', 'k-regs', 'regulationsExchange', KZ_CB, TM_CB],
  ['KZ', 'k-domestic', 'domesticProceduresCompleted', KZ_CB, TM_CB],
  ['KZ', 'k-term', 'terminationNotice', KZ_CB, TM_CB],
  // Last: KZ's competent body changes its id from here on.
  ['KZ', 'k-cbc', 'competentBodyChange', KZ_CB, TM_CB],
];

module.exports = { KZ_CB, TM_CB, KZ_AB, TM_AB, EXCHANGE, envelope, sample };
