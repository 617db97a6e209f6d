/**
 * One kind of document the language service understands (a Centrifugo config, a certificate
 * file, ...). The facade (index.ts) asks each implementation in turn whether it `handles` a
 * document and sends every request to the first that does, so a feature never asks "which kind
 * is this?" itself.
 *
 * To add a kind: implement `handles` and the features it has; what it leaves out answers
 * "nothing here" (no completion, no lenses...). Register it in the facade's list, before the
 * config service, which takes every document no other kind claims.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { DocumentContext } from './documentContext';
import type { CertificateReport } from './features/certificateReport';
import type { Settings } from './settings';

/** A document with the settings that apply to it and where it lives. */
export interface ServiceRequest {
  readonly document: TextDocument;
  readonly settings: Settings;
  readonly context: DocumentContext;
}

export interface DocumentService {
  /** Whether this kind serves the document (by language or file name). */
  handles(document: TextDocument): boolean;
  doValidation(request: ServiceRequest): Promise<Diagnostic[]>;
  doComplete?(request: ServiceRequest, position: Position): Promise<CompletionList>;
  doHover?(request: ServiceRequest, position: Position): Promise<Hover | null>;
  doCodeLens?(request: ServiceRequest): Promise<CodeLens[]>;
  /** Quick fixes for `diagnostics` (with their `data`) and rewrites at `range`; `only` filters by kind. */
  doCodeActions?(request: ServiceRequest, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]>;
  getDocumentSymbols?(request: ServiceRequest): Promise<DocumentSymbol[]>;
  /** Every certificate the document leads to, in the CLI contract's JSON shape. */
  getCertificates?(request: ServiceRequest): Promise<CertificateReport[]>;
  /** Markdown about the material at `path` (a contract path; '' for the whole document), or null. */
  getCertificateDetails?(request: ServiceRequest, path: string): Promise<string | null>;
  /** The edit that makes the document load this certificate and key (absolute paths), or null. */
  devCertificateEdit?(request: ServiceRequest, certPath: string, keyPath: string): WorkspaceEdit | null;
  /** Absolute paths of the files the document names, so the caller can watch them. */
  referencedFiles?(request: ServiceRequest): Promise<string[]>;
  /** Files on disk may have changed: drop what was derived from them. */
  invalidateFiles?(): void;
  /** The document was closed. */
  forget?(uri: string): void;
}
