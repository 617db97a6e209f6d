/**
 * Env files as their own kind of document, next to configs and PEM files. Text findings come from
 * features/env; certificate checks and lenses run the config engine on a config made of the
 * file's variables (features/env/envCertificates.ts), through the service's public methods.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument as Doc } from 'vscode-languageserver-textdocument';
import type { ConfigDocumentService } from './configDocuments';
import type { DocumentService, ServiceRequest } from './documentService';
import type { ServiceEnvironment } from './environment';
import { isEnvDocumentName, readTextFile } from './env/discovery';
import { buildEnvDocument, fileOfUri, type EnvDocumentModel } from './env/document';
import { effectiveVariables } from './env/overlay';
import type { EnvSource } from './env/sources';
import { mapDiagnostics, mapLenses, virtualConfigText } from './features/env/envCertificates';
import { envCodeActions, envCompletion, envHover, envTextDiagnostics } from './features/env/envDocument';
import type { CertificateReport } from './features/certificateReport';
import { buildModel } from './model';
import { findNodeAtLocation } from './model/tree';

/** `.env`-style and compose files, by name (the URI's fragment, used for the engine's own requests, is not part of it). */
export function isEnvDocument(document: Doc): boolean {
  return document.uri.startsWith('file:') && !document.uri.includes('#') && isEnvDocumentName(fileOfUri(document.uri, undefined));
}

/** Config names looked for next to an env file, to say what a variable overrides. */
const SIBLING_CONFIGS = /^(config|centrifugo[^/]*)\.json$/;

export class EnvDocumentService implements DocumentService {
  private readonly models = new Map<string, { version: number; text: string; key: string; model: EnvDocumentModel }>();

  constructor(private readonly env: ServiceEnvironment, private readonly configs: ConfigDocumentService) {}

  handles(document: Doc): boolean {
    return isEnvDocument(document);
  }

  model(request: ServiceRequest): EnvDocumentModel {
    const { document, settings, context } = request;
    const key = settings.version;
    const cached = this.models.get(document.uri);
    if (cached && cached.version === document.version && cached.text === document.getText() && cached.key === key) return cached.model;
    const model = buildEnvDocument(document, fileOfUri(document.uri, context.configPath), settings);
    this.models.delete(document.uri);
    this.models.set(document.uri, { version: document.version, text: document.getText(), key, model });
    if (this.models.size > 32) this.models.delete(this.models.keys().next().value as string);
    return model;
  }

  forget(uri: string): void {
    this.models.delete(uri);
  }

  /**
   * The config the env file's variables are applied to, as a request of the config engine: the
   * config next to the env file when there is one (what Centrifugo would run with), else a
   * minimal config with the blocks the variables fill switched on.
   */
  private async virtualRequest(request: ServiceRequest, model: EnvDocumentModel): Promise<ServiceRequest | undefined> {
    const sibling = request.context.readsFiles === false ? undefined : await this.siblingConfig(model);
    const text = sibling?.text ?? virtualConfigText(model);
    if (text === undefined) return undefined;
    const source: EnvSource = { kind: 'dotenv', file: model.file, variables: model.variables, opaque: [], envFiles: [] };
    return {
      document: TextDocument.create(`${request.document.uri}#centrifugo-env`, 'json', request.document.version, text),
      settings: { ...request.settings, version: model.version },
      context: { ...request.context, configPath: sibling?.file ?? model.file, forced: true, envSources: [source], format: 'json' },
    };
  }

  /** `config.json` (or `centrifugo*.json`) in the env file's folder. */
  private async siblingConfig(model: EnvDocumentModel): Promise<{ file: string; text: string } | undefined> {
    const dir = path.dirname(model.file);
    const names = (await this.env.readDirectory(dir)).filter((e) => e.kind === 'file' && SIBLING_CONFIGS.test(e.name)).map((e) => e.name).sort();
    const name = names.includes('config.json') ? 'config.json' : names[0];
    if (!name) return undefined;
    const file = path.join(dir, name);
    const text = await readTextFile(this.env, file);
    return text === undefined ? undefined : { file, text };
  }

  private overlayOf(virtual: ServiceRequest, model: EnvDocumentModel) {
    return this.configs.getModel(virtual, effectiveVariables(model.variables)).env;
  }

  async doValidation(request: ServiceRequest): Promise<Diagnostic[]> {
    const model = this.model(request);
    const out = envTextDiagnostics(model);
    const virtual = await this.virtualRequest(request, model);
    if (virtual) {
      const found = await this.configs.doValidation(virtual);
      // A PEM pitfall already says why the value is invalid PEM, in env-file terms.
      const pitfalls = new Set(out.filter((d) => String(d.code).startsWith('env-pem-')).map((d) => (d.data as { envVar?: string }).envVar));
      out.push(...mapDiagnostics(model, this.overlayOf(virtual, model), found)
        .filter((d) => !(d.code === 'invalid-pem' && pitfalls.has((d.data as { envVar?: string }).envVar))));
      this.configs.forget(virtual.document.uri);
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return out;
  }

  async doCodeLens(request: ServiceRequest): Promise<CodeLens[]> {
    const model = this.model(request);
    const virtual = await this.virtualRequest(request, model);
    if (!virtual) return [];
    const lenses = await this.configs.doCodeLens(virtual);
    return mapLenses(model, this.overlayOf(virtual, model), lenses);
  }

  async getCertificateDetails(request: ServiceRequest, contractPath: string): Promise<string | null> {
    const virtual = await this.virtualRequest(request, this.model(request));
    return virtual ? this.configs.getCertificateDetails(virtual, contractPath) : null;
  }

  async getCertificates(request: ServiceRequest): Promise<CertificateReport[]> {
    const virtual = await this.virtualRequest(request, this.model(request));
    return virtual ? this.configs.getCertificates(virtual) : [];
  }

  doComplete(request: ServiceRequest, position: Position): Promise<CompletionList> {
    return Promise.resolve(envCompletion(this.model(request), position));
  }

  async doHover(request: ServiceRequest, position: Position): Promise<Hover | null> {
    const model = this.model(request);
    const overrides = request.context.readsFiles === false ? undefined : await this.siblingConfigValues(request, model);
    return envHover(model, position, overrides);
  }

  doCodeActions(request: ServiceRequest, _range: Range, diagnostics: readonly Diagnostic[]): Promise<CodeAction[]> {
    return Promise.resolve(envCodeActions(this.model(request), diagnostics));
  }

  /** `path → "`value` in config.json:12"` from the config next to the env file, if there is one. */
  private async siblingConfigValues(request: ServiceRequest, model: EnvDocumentModel): Promise<((p: string) => string | undefined) | undefined> {
    const sibling = await this.siblingConfig(model);
    if (!sibling) return undefined;
    const { text, file } = sibling;
    const document = TextDocument.create(`file://${file}`, 'json', 0, text);
    const config = buildModel(document, { settings: request.settings, forced: true });
    return (pattern) => {
      const segments: (string | number)[] = [];
      for (const seg of pattern.split('.')) {
        if (seg.endsWith('[]')) return undefined;
        segments.push(seg);
      }
      const node = findNodeAtLocation(config.root, segments);
      if (!node || node.type === 'object' || node.type === 'array') return undefined;
      const written = text.slice(node.offset, node.offset + node.length);
      const shown = written.length > 60 ? `${written.slice(0, 57)}…` : written;
      return `\`${shown}\` in ${path.basename(file)}:${document.positionAt(node.offset).line + 1}`;
    };
  }
}

