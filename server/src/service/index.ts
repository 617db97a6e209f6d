/**
 * The Centrifugo config language service: pure, one method per feature. The LSP server and the
 * CLI both drive this object; neither holds domain logic of its own.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { DocumentContext, FeatureContext } from './context';
import type { ServiceEnvironment } from './environment';
import { doComplete } from './features/completion';
import { doHover } from './features/hover';
import { doValidation } from './features/validation';
import { buildModel, type ConfigModel } from './model';
import type { Settings } from './settings';

export interface ServiceRequest {
  readonly document: TextDocument;
  readonly settings: Settings;
  readonly context: DocumentContext;
}

interface CachedModel {
  readonly version: number;
  readonly text: string;
  readonly key: string;
  readonly model: ConfigModel;
}

/** Models of this many documents are kept; a language server rarely has more open. */
const MODEL_CACHE_SIZE = 32;

export class CentrifugoLanguageService {
  private readonly models = new Map<string, CachedModel>();

  constructor(readonly env: ServiceEnvironment) {}

  /** The model of a document version, built once and shared by every feature asking for it. */
  getModel(request: ServiceRequest): ConfigModel {
    const { document, settings, context } = request;
    const key = `${settings.version}|${context.forced ? 1 : 0}`;
    const cached = this.models.get(document.uri);
    if (cached && cached.version === document.version && cached.key === key && cached.text === document.getText()) {
      return cached.model;
    }
    const model = buildModel(document, { settings, forced: context.forced ?? false });
    this.models.delete(document.uri);
    this.models.set(document.uri, { version: document.version, text: document.getText(), key, model });
    if (this.models.size > MODEL_CACHE_SIZE) this.models.delete(this.models.keys().next().value as string);
    return model;
  }

  /** Drops what we hold for a closed document. */
  forget(uri: string): void {
    this.models.delete(uri);
  }

  doValidation(request: ServiceRequest): Promise<Diagnostic[]> {
    return doValidation(this.featureContext(request));
  }

  doComplete(request: ServiceRequest, position: Position): Promise<CompletionList> {
    return doComplete(this.featureContext(request), position);
  }

  doHover(request: ServiceRequest, position: Position): Promise<Hover | null> {
    return doHover(this.featureContext(request), position);
  }

  private featureContext(request: ServiceRequest): FeatureContext {
    return { model: this.getModel(request), settings: request.settings, env: this.env, document: request.context };
  }
}

export function createLanguageService(env: ServiceEnvironment): CentrifugoLanguageService {
  return new CentrifugoLanguageService(env);
}

export type { DocumentContext } from './context';
export type { ServiceEnvironment } from './environment';
export { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
