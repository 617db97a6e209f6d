/**
 * Shared by codelens, certificate-hover and pem-document tests: certificates placed around the
 * fixed NOW, configs that name them, and a check that no private key material leaks.
 */
import assert from 'node:assert/strict';
import { x509 } from '../../server/src/service/certs/x509';
import { createCertificate, daysFrom, generateKey, NOW, type TestCert, type TestKey } from '../helpers/certFactory';
import { CONFIG_DIR, makeRequest, newService } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

export { CONFIG_DIR, NOW, daysFrom };

/** A leaf for `host`, valid from `from` to `to` days around NOW, issued by `issuer` (self-signed without). */
export async function leaf(host: string, from: number, to: number, options: { issuer?: TestCert; key?: TestKey; serial?: string } = {}): Promise<TestCert> {
  return createCertificate({
    subject: `O=Acme, CN=${host}`,
    notBefore: daysFrom(NOW, from),
    notAfter: daysFrom(NOW, to),
    ca: false,
    dnsNames: [host],
    ipAddresses: ['127.0.0.1'],
    keyUsages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
    extendedKeyUsages: [x509.ExtendedKeyUsage.serverAuth],
    issuer: options.issuer,
    key: options.key,
    serialNumber: options.serial,
  });
}

export async function ca(name: string, from: number, to: number, issuer?: TestCert): Promise<TestCert> {
  return createCertificate({
    subject: `O=Test, CN=${name}`,
    notBefore: daysFrom(NOW, from),
    notAfter: daysFrom(NOW, to),
    ca: true,
    keyUsages: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
    issuer,
  });
}

export { generateKey };

/** An environment at NOW with files under CONFIG_DIR, and a service over it. */
export function setup(files: Record<string, string> = {}): ReturnType<typeof newService> {
  const env = new MemoryEnvironment(NOW);
  for (const [name, content] of Object.entries(files)) env.addFile(`${CONFIG_DIR}/${name}`, content);
  return newService(env);
}

export function configRequest(config: unknown, settings: Parameters<typeof makeRequest>[1] = {}): ReturnType<typeof makeRequest> {
  return makeRequest(JSON.stringify(config, null, 2), settings);
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Fails when any line of the key's base64 body (or the whole body) shows up in `text`. */
export function assertNoKeyMaterial(text: string, keyPem: string): void {
  const lines = keyPem.split('\n').filter((line) => line && !line.startsWith('-----'));
  assert.ok(lines.length > 0);
  for (const line of lines) assert.ok(!text.includes(line), `key material leaked: ${line}`);
  assert.ok(!text.includes(lines.join('')), 'key material leaked');
  assert.ok(!text.includes(base64(keyPem).slice(0, 40)), 'base64 of the key PEM leaked');
}
