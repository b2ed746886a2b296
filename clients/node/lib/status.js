'use strict';
// Decodes a gRPC error's grpc-status-details-bin (google.rpc.Status) with the google/rpc protos from protos/.

const TYPE_PREFIX = 'type.googleapis.com/';

/** The status details of a failed call: { code, message, details: [{ type, value }] } or null when there are none. */
function decodeDetails(root, error) {
  const values = error && error.metadata ? error.metadata.get('grpc-status-details-bin') : [];
  if (!values || values.length === 0) {
    return null;
  }
  const Status = root.lookupType('google.rpc.Status');
  return decodeStatus(root, Status.decode(values[0]));
}

/** A google.rpc.Status already read as a message (a streamed item's outcome): { code, message, details: [{ type, value }] }. */
function decodeStatus(root, status) {
  const details = (status.details || []).map((any) => {
    const typeUrl = any.type_url || any.typeUrl || '';
    const name = typeUrl.startsWith(TYPE_PREFIX) ? typeUrl.slice(TYPE_PREFIX.length) : typeUrl;
    // protobufjs' built-in google/protobuf/any.proto keeps the proto field name (type_url).
    let type;
    try {
      type = root.lookupTypeOrEnum(name);
    } catch {
      type = null;
    }
    if (!type || typeof type.decode !== 'function') {
      return { type: name, value: null };
    }
    return { type: name, value: type.toObject(type.decode(any.value), { defaults: true }) };
  });
  return { code: status.code, message: status.message, details };
}

function detailOf(decoded, typeName) {
  const found = decoded && decoded.details.find((d) => d.type === typeName);
  return found ? found.value : null;
}

module.exports = { decodeDetails, decodeStatus, detailOf };
