/**
 * The known key a user most likely meant: first names other programs and older Centrifugo
 * releases use for the same setting (`tls_cert`, `root_ca_pem_file`...), then spelling distance.
 */
import { FORMS, type FieldRole, type FormId, type SourceKind } from '../../catalog/fields';
import { editDistance } from '../../catalog/closest';
import { keyFor } from './shared';

export { editDistance } from '../../catalog/closest';

type Alias = readonly [role: FieldRole, source?: SourceKind];

/** Names for TLS settings seen in the wild: v5 flat keys, early v5 object keys, other programs' configs. */
const TLS_ALIASES: Readonly<Record<string, Alias>> = {
  enable: ['enabled'], tls: ['enabled'], on: ['enabled'],
  tls_cert: ['cert', 'file'], cert: ['cert', 'file'], cert_file: ['cert', 'file'], certfile: ['cert', 'file'],
  cert_path: ['cert', 'file'], certificate: ['cert', 'file'], certificate_file: ['cert', 'file'], tls_cert_file: ['cert', 'file'],
  tls_key: ['key', 'file'], key: ['key', 'file'], key_file: ['key', 'file'], keyfile: ['key', 'file'], key_path: ['key', 'file'],
  private_key: ['key', 'file'], private_key_file: ['key', 'file'], tls_key_file: ['key', 'file'],
  tls_cert_pem: ['cert', 'pem'], tls_key_pem: ['key', 'pem'],
  // Centrifugo v5.0-v5.3 named the server CA fields root_ca_pem*.
  root_ca_pem: ['serverCa', 'pem'], root_ca_pem_b64: ['serverCa', 'base64'], root_ca_pem_file: ['serverCa', 'file'],
  tls_root_ca: ['serverCa', 'file'], tls_root_ca_pem: ['serverCa', 'pem'], root_ca: ['serverCa', 'file'], ca: ['serverCa', 'file'],
  ca_file: ['serverCa', 'file'], ca_cert: ['serverCa', 'file'], ca_cert_file: ['serverCa', 'file'], ca_pem: ['serverCa', 'pem'],
  tls_client_ca: ['clientCa', 'file'], tls_client_ca_pem: ['clientCa', 'pem'], client_ca: ['clientCa', 'file'], client_ca_file: ['clientCa', 'file'],
  tls_server_name: ['serverName'], servername: ['serverName'], sni: ['serverName'],
  tls_insecure_skip_verify: ['insecureSkipVerify'], skip_verify: ['insecureSkipVerify'], insecure: ['insecureSkipVerify'],
  insecure_skip_tls_verify: ['insecureSkipVerify'], tls_skip_verify: ['insecureSkipVerify'],
};

const AUTOCERT_ALIASES: Readonly<Record<string, Alias>> = {
  enable: ['autocertEnabled'], tls_autocert: ['autocertEnabled'],
  hosts: ['hostWhitelist'], host: ['hostWhitelist'], domains: ['hostWhitelist'], domain: ['hostWhitelist'],
  whitelist: ['hostWhitelist'], host_allowlist: ['hostWhitelist'], allowed_hosts: ['hostWhitelist'],
  tls_autocert_host_whitelist: ['hostWhitelist'],
  cache: ['cacheDir'], cache_path: ['cacheDir'], dir: ['cacheDir'], tls_autocert_cache_dir: ['cacheDir'],
  mail: ['email'], contact: ['email'], tls_autocert_email: ['email'],
  tls_autocert_server_name: ['autocertServerName'],
  http_01: ['http'], tls_autocert_http: ['http'], http_address: ['httpAddr'], addr: ['httpAddr'], tls_autocert_http_addr: ['httpAddr'],
};

/** Big configs repeat the same misspelt key thousands of times (one per proxy): remember the answers. */
const memo = new Map<string, string | null>();
const MEMO_LIMIT = 2048;

/** The key of `form` a user most likely meant by `key`, if any is close enough. */
export function closestKey(form: FormId, key: string): string | undefined {
  const memoKey = `${form}\u0000${key}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known ?? undefined;
  const result = computeClosestKey(form, key);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, result ?? null);
  return result;
}

function computeClosestKey(form: FormId, key: string): string | undefined {
  const lower = key.toLowerCase();
  const aliases = form === 'autocert-object' || form === 'autocert-flat-v5' ? AUTOCERT_ALIASES : TLS_ALIASES;
  const alias = Object.prototype.hasOwnProperty.call(aliases, lower) ? aliases[lower] : undefined;
  if (alias) {
    const target = keyFor(form, alias[0], alias[1]);
    if (target) return target;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  // In a v6 block a misspelt v5 key (`server_ca_pem_fille`) means the v6 key of the same setting.
  const candidates: (readonly [candidate: string, meant: string])[] = FORMS[form].map((f) => [f.key, f.key] as const);
  if (form === 'tls-object-v6') {
    for (const f of FORMS['tls-object-v5']) candidates.push([f.key, keyFor(form, f.role) ?? f.key]);
  }
  for (const [candidate, meant] of candidates) {
    const d = editDistance(lower, candidate);
    if (d < bestDistance) {
      best = meant;
      bestDistance = d;
    }
  }
  // Beyond about a third of the word, a "closest" key is a guess, not a typo.
  const limit = Math.max(1, Math.min(3, Math.floor(lower.length / 3)));
  return bestDistance <= limit ? best : undefined;
}
