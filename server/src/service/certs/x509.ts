// @peculiar/x509 2.x resolves its parsers through tsyringe, which needs the Reflect metadata
// polyfill to be loaded before the library itself; every module reaches x509 through this file.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Explicit rather than relying on globalThis.crypto, so the bundle behaves the same in any host
// that happens to lack the global (node's webcrypto type differs from the DOM one only nominally).
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
