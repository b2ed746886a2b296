'use strict';
// Everything this client knows about the wire comes from protos/ (the repository's contracts), loaded at run time:
// services through @grpc/proto-loader, messages (including google.rpc for error details) through protobufjs.
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const PROTOS = path.resolve(__dirname, '..', '..', '..', 'protos');
const PACKAGE = 'classified.gateway.v1';
const SERVICE_FILES = [
  'classified/gateway/v1/party_gateway_service.proto',
  'classified/gateway/v1/dev_clock_service.proto',
];
const DETAIL_FILES = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];

function loadServices() {
  const definition = protoLoader.loadSync(SERVICE_FILES, {
    includeDirs: [PROTOS],
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).classified.gateway.v1;
}

/** One protobufjs root over protos/: the Envelope descriptor and google.rpc Status/ErrorInfo/BadRequest. */
function loadMessages() {
  for (const file of DETAIL_FILES) {
    if (!fs.existsSync(path.join(PROTOS, file))) {
      throw new Error(`protos/${file} is missing: the error details cannot be decoded from protos/ alone`);
    }
  }
  const root = new protobuf.Root();
  const defaultResolve = root.resolvePath;
  root.resolvePath = (origin, target) => {
    const local = path.join(PROTOS, target);
    return fs.existsSync(local) ? local : defaultResolve(origin, target);
  };
  root.loadSync(['classified/gateway/v1/envelope.proto', ...DETAIL_FILES], { keepCase: false });
  root.resolveAll();
  return root;
}

/** The notice kinds, as the Envelope's `notice` oneof declares them (camelCase field names). */
function noticeKinds(root) {
  const envelope = root.lookupType(`${PACKAGE}.Envelope`);
  const oneof = envelope.oneofs && envelope.oneofs.notice;
  if (!oneof) {
    throw new Error('Envelope has no `notice` oneof in protos/');
  }
  return oneof.fieldsArray.map((f) => f.name);
}

module.exports = { PROTOS, loadServices, loadMessages, noticeKinds };
