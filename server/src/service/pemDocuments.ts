/**
 * Certificate and key files opened in the editor, as a DocumentService: the features live in
 * features/pemDocument.ts; this binds them to the shared certificate cache.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, Diagnostic, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';
import type { CertificateCache } from './certs';
import type { DocumentService, ServiceRequest } from './documentService';
import type { ServiceEnvironment } from './environment';
import {
  isPemDocument, pemCodeLens, pemDetails, pemHover, pemSymbols, pemValidation, type PemDocumentContext,
} from './features/pemDocument';

export class PemDocumentService implements DocumentService {
  constructor(private readonly env: ServiceEnvironment, private readonly cache: CertificateCache) {}

  handles(document: TextDocument): boolean {
    return isPemDocument(document);
  }

  doValidation(request: ServiceRequest): Promise<Diagnostic[]> {
    return pemValidation(this.context(request));
  }

  doHover(request: ServiceRequest, position: Position): Promise<Hover | null> {
    return pemHover(this.context(request), position);
  }

  /** A lens above each certificate block. */
  doCodeLens(request: ServiceRequest): Promise<CodeLens[]> {
    return pemCodeLens(this.context(request));
  }

  /** One symbol per PEM block. */
  getDocumentSymbols(request: ServiceRequest): Promise<DocumentSymbol[]> {
    return pemSymbols(this.context(request));
  }

  /** The whole file's material; `path` means nothing here. */
  getCertificateDetails(request: ServiceRequest): Promise<string | null> {
    return pemDetails(this.context(request));
  }

  private context(request: ServiceRequest): PemDocumentContext {
    return { document: request.document, settings: request.settings, env: this.env, cache: this.cache };
  }
}
