/**
 * Names shared by the client and the server: custom requests, commands and settings keys. One
 * module, typed, so neither side can misspell the other's name.
 */
export const SETTINGS_SECTION = 'centrifugo';

/** What the language status item shows for a document. */
export interface DocumentInfo {
  readonly isCentrifugo: boolean;
  readonly version: 'v5' | 'v6';
  readonly origin: 'setting' | 'detected' | 'default';
  readonly reason: string;
}

export const Requests = {
  documentInfo: 'centrifugo/documentInfo',
  certificateDetails: 'centrifugo/certificateDetails',
  generateDevCertificate: 'centrifugo/generateDevCertificate',
} as const;

export interface DocumentInfoParams {
  readonly uri: string;
}

export const Commands = {
  showCertificateDetails: 'centrifugo.showCertificateDetails',
  generateDevCertificate: 'centrifugo.generateDevCertificate',
  selectVersion: 'centrifugo.selectVersion',
  showOutput: 'centrifugo.showOutput',
} as const;
