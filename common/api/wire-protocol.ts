/**
 * The WebSocket subprotocol of the station API; a credential rides as a second one (never in a URL).
 * Kept free of zod so the browser's first download (the API client) does not carry the schema library.
 */
export const API_PROTOCOL = 'hall-api';
export const CREDENTIAL_PROTOCOL_PREFIX = 'hall-credential.';
