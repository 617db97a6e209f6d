/**
 * Settings of the HTTP server that exclude each other. Automatic certificates take precedence over
 * a configured certificate (`autocert-conflict`: the certificate is ignored) and cannot be used
 * with HTTP/3 (Centrifugo stops: "can not use HTTP/3 with autocert"). In v6, TLS on the HTTP
 * server together with `h2c_external` makes start-up fail (`h2c-with-tls`, internal/config/validate.go).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import type { ConfigModel } from '../../model';
import type { TlsBlock } from '../../model/blocks';
import { makeDiagnostic } from '../diagnostic';
import { loadPlanOf } from '../../model/loadPlan';
import { factsOf, liveBlocks, memberProperty, memberValue, nodeRange, q, readBool } from './shared';

export function conflictDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const root = model.root;
  if (!root || root.type !== 'object') return [];
  const version = model.version.version;
  // The load plan says which blocks Centrifugo reads: autocert that is on, and the HTTP server's
  // TLS that is on (loaded, or replaced by autocert).
  const plan = loadPlanOf(model);
  let autocert: TlsBlock | undefined;
  let httpTls: TlsBlock | undefined;
  for (const block of liveBlocks(model)) {
    const blockPlan = plan.block(block);
    if (block.kind === 'autocert' && blockPlan.loaded) autocert = block;
    else if (blockPlan.isHttpServer && (blockPlan.loaded || blockPlan.reason?.kind === 'autocert-on')) httpTls = block;
  }
  const out: Diagnostic[] = [];
  const autocertPath = version === 'v6' ? 'http_server.tls_autocert' : 'tls_autocert';
  if (autocert && httpTls) {
    const switchField = factsOf(httpTls).switchField;
    const anchor = httpTls.keyNode ?? switchField?.field.keyNode;
    if (anchor) {
      const ignored = version === 'v6' ? 'the certificate configured here' : `${q('tls_cert')}/${q('tls_key')} and the other ${q('tls_*')} certificate settings`;
      out.push(makeDiagnostic(nodeRange(model, anchor), 'autocert-conflict',
        `Automatic certificates are on (${q(autocertPath)}) and take precedence: Centrifugo gets its certificates from Let's Encrypt and ignores ${ignored}. Turn one of the two off.`,
        { data: { path: version === 'v6' ? 'http_server.tls' : 'tls', winner: autocertPath } }));
    }
  }
  const httpServer = memberValue(root, 'http_server');
  if (autocert) {
    const http3Path = version === 'v6' ? 'http_server.http3.enabled' : 'http3';
    const http3 = version === 'v6' ? memberValue(memberValue(httpServer, 'http3'), 'enabled') : memberValue(root, 'http3');
    if (http3 && readBool(http3) === true) {
      out.push(makeDiagnostic(nodeRange(model, http3), 'autocert-conflict',
        `HTTP/3 cannot be combined with automatic certificates (${q(autocertPath)}): Centrifugo stops at start-up with "can not use HTTP/3 with autocert". Turn one of the two off.`,
        { severity: 'error', data: { path: http3Path, autocert: autocertPath } }));
    }
  }
  if (version === 'v6' && httpTls) out.push(...h2c(model, httpServer));
  return out;
}

function h2c(model: ConfigModel, httpServer: ReturnType<typeof memberValue>): Diagnostic[] {
  const property = memberProperty(httpServer, 'h2c_external');
  const value = property?.children?.[1];
  const keyNode = property?.children?.[0];
  if (!keyNode || readBool(value) !== true) return [];
  return [makeDiagnostic(nodeRange(model, keyNode), 'h2c-with-tls',
    `${q('h2c_external')} cannot be combined with TLS on the HTTP server (${q('http_server.tls.enabled')} is true): Centrifugo v6 refuses to start. h2c is HTTP/2 without TLS, for use behind a proxy that terminates TLS; turn off one of the two.`,
    { data: { path: 'http_server.h2c_external', tlsPath: 'http_server.tls' } })];
}
