/**
 * Names shared by the client and the server: custom requests, commands and settings keys. One
 * module, typed, so neither side can misspell the other's name or disagree on a payload: each
 * request is a `RequestType` carrying its parameter and result types, and both
 * `client.sendRequest(type, params)` and `connection.onRequest(type, handler)` check against it.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { ServiceCommands } from './service/commands';

export const SETTINGS_SECTION = 'centrifugo';

/** What the language status item shows for a document. */
export interface DocumentInfo {
  readonly isCentrifugo: boolean;
  readonly version: 'v5' | 'v6';
  readonly origin: 'setting' | 'detected' | 'default';
  readonly reason: string;
}

export interface DocumentInfoParams {
  readonly uri: string;
}

/** `centrifugo/certificateDetails`: Markdown about one setting's material (or a whole PEM file), or null. */
export interface CertificateDetailsParams {
  readonly uri: string;
  /** Contract path of the setting (`http_server.tls.cert_pem`); ignored for PEM documents. */
  readonly path: string;
}

/** `centrifugo/generateDevCertificate`: a self-signed certificate for local development. */
export interface GenerateDevCertificateParams {
  /** Host names and IP addresses; localhost and 127.0.0.1 are always added. */
  readonly hosts: readonly string[];
}

export type GenerateDevCertificateResult =
  | { readonly certPem: string; readonly keyPem: string; readonly notAfter: string }
  /** The names cannot go into a certificate; the message is for the user. */
  | { readonly error: string };

/** `centrifugo/devCertificateEdit`: the WorkspaceEdit (or null) that makes a config load these files. */
export interface DevCertificateEditParams {
  readonly uri: string;
  /** Absolute paths of the files written. */
  readonly certPath: string;
  readonly keyPath: string;
}

/** `centrifugo/migrateToV6`: the whole-file edit that rewrites a v5 config for v6, and what it left out. */
export interface MigrateToV6Params {
  readonly uri: string;
}

export type MigrateToV6Result =
  | {
    readonly edit: WorkspaceEdit;
    readonly notCarried: readonly { readonly path: string; readonly reason: string }[];
    /** Comments of a YAML or TOML file that the rewritten text does not have. */
    readonly droppedComments: number;
  }
  | { readonly error: string };

/** The custom requests, client to server. A null result means "nothing to say" (or a failure, logged by the server). */
export const Requests = {
  documentInfo: new RequestType<DocumentInfoParams, DocumentInfo | null, void>('centrifugo/documentInfo'),
  certificateDetails: new RequestType<CertificateDetailsParams, string | null, void>('centrifugo/certificateDetails'),
  generateDevCertificate: new RequestType<GenerateDevCertificateParams, GenerateDevCertificateResult | null, void>('centrifugo/generateDevCertificate'),
  devCertificateEdit: new RequestType<DevCertificateEditParams, WorkspaceEdit | null, void>('centrifugo/devCertificateEdit'),
  migrateToV6: new RequestType<MigrateToV6Params, MigrateToV6Result | null, void>('centrifugo/migrateToV6'),
} as const;

/** Command ids; package.json's `contributes.commands` lists the same (test/unit/manifest.test.ts). */
export const Commands = {
  ...ServiceCommands,
  generateDevCertificate: 'centrifugo.generateDevCertificate',
  selectVersion: 'centrifugo.selectVersion',
  showOutput: 'centrifugo.showOutput',
  migrateToV6: 'centrifugo.migrateToV6',
} as const;
