/**
 * Automatic certificates (ACME / Let's Encrypt), object and v5 flat forms: host names no
 * certificate can be issued for (`autocert-host`), a malformed account e-mail (`autocert-email`)
 * and a malformed HTTP-01 listener address (`autocert-http-addr`).
 */
import type { Node } from '../../model/tree';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import type { ConfigModel } from '../../model';
import type { TlsBlock } from '../../model/blocks';
import { loadPlanOf } from '../../model/loadPlan';
import { makeDiagnostic } from '../diagnostic';
import { type CountedField, factsOf, liveBlocks, nodeRange, q, rangeInString, stringOf } from './shared';

export function autocertDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const version = model.version.version;
  const out: Diagnostic[] = [];
  for (const block of liveBlocks(model)) {
    if (block.kind !== 'autocert') continue;
    // Automatic certificates that are off (or at a place the version does not read) request nothing.
    if (!loadPlanOf(model).block(block).loaded) continue;
    const byRole = factsOf(block).byRole;
    const hosts = byRole.get('hostWhitelist')?.[0];
    // Only v6 reads an array; where the value is one string Centrifugo splits it at commas and keeps the spaces.
    const splitsString = !(version === 'v6' && block.location.shape === 'object');
    if (hosts) out.push(...hostDiagnostics(model, hosts, splitsString));
    const email = byRole.get('email')?.[0];
    if (email) out.push(...emailDiagnostics(model, email));
    const httpAddr = byRole.get('httpAddr')?.[0];
    if (httpAddr) out.push(...httpAddrDiagnostics(model, block, httpAddr));
  }
  return out;
}

interface HostProblem {
  readonly message: string;
  readonly suggestion?: string;
  /** The problem is the white space around the name: underline it too. */
  readonly spaces?: boolean;
}

const RESERVED_TLD = /\.(local|localhost|test|invalid|example|internal|home\.arpa)\.?$/i;
const DOC_DOMAIN = /(^|\.)example\.(com|net|org)\.?$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^\[?[0-9a-f]*:[0-9a-f:.]*:[0-9a-f:.]*\]?(%\w+)?$/i;

/** Why no ACME certificate can be issued for `host`, if so. `keepsSpaces`: Centrifugo uses the entry untrimmed. */
export function hostProblem(host: string, keepsSpaces: boolean): HostProblem | undefined {
  const name = host.trim();
  if (name.length === 0) return undefined;
  if (keepsSpaces && name !== host) {
    return {
      message: `${JSON.stringify(host)} has spaces around the name. Centrifugo does not trim them, so this entry is not a valid host name and is dropped from the whitelist: no certificate for ${q(name)}. Remove the spaces.`,
      suggestion: name,
      spaces: true,
    };
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]*)/i.exec(name);
  if (url) {
    return { message: `${q(name)} is a URL, but the whitelist takes bare host names, so this entry matches no host. Write ${q(url[1])}.`, suggestion: url[1] };
  }
  if (name.includes('/')) {
    const bare = name.split('/')[0];
    return { message: `${q(name)} contains a path, but the whitelist takes bare host names, so this entry matches no host. Write ${q(bare)}.`, suggestion: bare };
  }
  if (name.includes('*')) {
    return {
      message: `${q(name)} is a wildcard: Let's Encrypt issues wildcard certificates only through the DNS-01 challenge, and Centrifugo answers only HTTP-01 and TLS-ALPN-01, so no certificate can be issued for it. List each host name instead.`,
    };
  }
  if (IPV6.test(name) || IPV4.test(name)) {
    return { message: `${q(name)} is an IP address: automatic certificates are issued only for DNS names that point to this server. Use a host name.` };
  }
  const port = /^(.+):(\d+)$/.exec(name);
  if (port) {
    return { message: `${q(name)} includes a port, but host names in the whitelist have none, so this entry matches no host. Write ${q(port[1])}.`, suggestion: port[1] };
  }
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) {
    return {
      message: `${q(name)} is local: Let's Encrypt cannot reach it to validate it, so no certificate can be issued. Use a public host name; for local development configure a self-signed certificate in the TLS settings instead.`,
    };
  }
  const tld = RESERVED_TLD.exec(lower);
  if (tld) {
    return { message: `${q(name)} ends in the reserved domain ${q(`.${tld[1]}`)}, which is not publicly resolvable, so Let's Encrypt cannot issue a certificate for it.` };
  }
  if (DOC_DOMAIN.test(lower)) {
    return { message: `${q(name)} is the placeholder from the documentation: example.com, example.net and example.org are reserved, and Let's Encrypt refuses them. Put your own host name here.` };
  }
  const bad = name.match(/[^a-z0-9.\-\u0080-\uffff]/gi);
  if (bad) {
    return { message: `${q(name)} contains characters not allowed in host names (${[...new Set(bad)].map((c) => JSON.stringify(c)).join(' ')}), so it is dropped from the whitelist and no certificate is issued for it.` };
  }
  if (!lower.includes('.')) {
    return { message: `${q(name)} has no dot, so it is not a public DNS name, and Let's Encrypt cannot issue a certificate for it. Use the full host name.` };
  }
  return undefined;
}

function hostDiagnostics(model: ConfigModel, counted: CountedField, splitsString: boolean): Diagnostic[] {
  const value = counted.field.valueNode;
  const path = counted.field.path;
  const out: Diagnostic[] = [];
  const push = (range: Range, host: string, problem: HostProblem): void => {
    out.push(makeDiagnostic(range, 'autocert-host', problem.message,
      { data: { path, host: host.trim(), ...(problem.suggestion !== undefined ? { suggestion: problem.suggestion } : {}) } }));
  };
  if (value?.type === 'string') {
    const text = value.value as string;
    let start = 0;
    for (const part of text.split(',')) {
      const problem = hostProblem(part, splitsString);
      if (problem) {
        const lead = problem.spaces ? 0 : part.length - part.trimStart().length;
        const length = problem.spaces ? part.length : part.trim().length;
        push(rangeInString(model, value, start + lead, length), part, problem);
      }
      start += part.length + 1;
    }
  } else if (value?.type === 'array') {
    for (const item of value.children ?? []) {
      const host = stringOf(item);
      if (host === undefined) continue;
      const problem = hostProblem(host, true);
      if (problem) push(nodeRange(model, item), host, problem);
    }
  }
  return out;
}

const EMAIL = /^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$/;

function emailDiagnostics(model: ConfigModel, counted: CountedField): Diagnostic[] {
  const value = counted.field.valueNode;
  const text = stringOf(value);
  if (!value || !text) return [];
  const path = counted.field.path;
  const range = nodeRange(model, value);
  const trimmed = text.trim();
  if (/^mailto:/i.test(trimmed)) {
    const suggestion = trimmed.slice('mailto:'.length);
    return [makeDiagnostic(range, 'autocert-email',
      `Write the bare address: Centrifugo adds ${q('mailto:')} itself, and Let's Encrypt rejects ${JSON.stringify(text)}, so the ACME account cannot be created and no certificate is issued.`,
      { data: { path, suggestion } })];
  }
  if (!EMAIL.test(text)) {
    const suggestion = EMAIL.test(trimmed) ? trimmed : undefined;
    return [makeDiagnostic(range, 'autocert-email',
      `${JSON.stringify(text)} is not one e-mail address: Let's Encrypt rejects it when Centrifugo registers the ACME account, and no certificate is issued. Write a single address such as ${q('ops@your-domain.com')}.`,
      { data: { path, ...(suggestion ? { suggestion } : {}) } })];
  }
  const domain = trimmed.slice(trimmed.lastIndexOf('@') + 1);
  if (DOC_DOMAIN.test(domain)) {
    return [makeDiagnostic(range, 'autocert-email',
      `${q(trimmed)} is the placeholder from the documentation: Let's Encrypt refuses contact addresses at example.com, example.net and example.org, so the ACME account cannot be created and no certificate is issued. Use an address you read.`,
      { data: { path } })];
  }
  return [];
}

interface AddrProblem {
  readonly reason: string;
  readonly suggestion?: string;
  /** The listener still starts (on a port nobody can guess). */
  readonly listens?: boolean;
}

/** Problems of a Go listen address (`host:port` or `:port`). */
export function listenAddrProblem(addr: string): AddrProblem | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(addr);
  if (url) {
    const hostPort = url[1];
    return { reason: 'it is a URL; Go expects only host:port', suggestion: /:\d+$/.test(hostPort) ? hostPort : ':80' };
  }
  const colon = addr.lastIndexOf(':');
  if (colon < 0) {
    return /^\d+$/.test(addr)
      ? { reason: 'the colon before the port is missing', suggestion: `:${addr}` }
      : { reason: 'there is no port', suggestion: /^[\w.-]+$/.test(addr) ? `${addr}:80` : ':80' };
  }
  const host = addr.slice(0, colon);
  const port = addr.slice(colon + 1);
  if (host.includes(':') && !(host.startsWith('[') && host.endsWith(']'))) {
    return { reason: 'an IPv6 address must be written in brackets, as in [::1]:80' };
  }
  if (/[\s/]/.test(host)) return { reason: `${JSON.stringify(host)} is not a host name or IP address` };
  if (/^\d+$/.test(port)) {
    const n = Number(port);
    if (n === 0) return { reason: 'port 0 makes the system pick a random port, which Let\'s Encrypt cannot know', suggestion: `${host}:80`, listens: true };
    if (n > 65535) return { reason: `${port} is not a port number (1-65535)`, suggestion: `${host}:80` };
    return undefined;
  }
  // Go also resolves service names; "http" is the only one that makes sense here.
  if (port === 'http') return undefined;
  return { reason: port ? `${JSON.stringify(port)} is not a port number` : 'the port is empty', suggestion: `${host}:80` };
}

function httpAddrDiagnostics(model: ConfigModel, block: TlsBlock, counted: CountedField): Diagnostic[] {
  const value: Node | undefined = counted.field.valueNode;
  const text = stringOf(value);
  if (!value || !text) return [];
  const problem = listenAddrProblem(text);
  if (!problem) return [];
  const httpKey = block.location.shape === 'flat' ? 'tls_autocert_http' : 'http';
  const effect = problem.listens
    ? 'The HTTP-01 challenge cannot be answered there, so no certificate is issued.'
    : `With ${q(httpKey)} on, Centrifugo cannot start the HTTP-01 challenge listener and exits.`;
  return [makeDiagnostic(nodeRange(model, value), 'autocert-http-addr',
    `${JSON.stringify(text)} is not a usable listen address (${q('host:port')} or ${q(':port')}): ${problem.reason}. ${effect}${problem.suggestion ? ` Write ${q(problem.suggestion)}.` : ''}`,
    { data: { path: counted.field.path, ...(problem.suggestion ? { suggestion: problem.suggestion } : {}) } })];
}
