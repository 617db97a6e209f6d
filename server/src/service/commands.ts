/**
 * Commands the service puts into its results (CodeLens). The client registers them under these
 * ids; protocol.ts re-exports them so both sides spell them from one place.
 */
export const ServiceCommands = {
  /** Arguments: the document URI and the contract path of the setting ('' for a whole PEM file). */
  showCertificateDetails: 'centrifugo.showCertificateDetails',
} as const;
