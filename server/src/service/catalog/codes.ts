/**
 * Every diagnostic code we publish, with its default severity and the help text the CLI's SARIF
 * rules and the docs show. Codes are an API: users suppress them, tests and CI match them.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  readonly severity: Severity;
  /** One sentence: what the rule checks. */
  readonly help: string;
}

export const CODES = {
  'json-syntax': { severity: 'error', help: 'The file is not valid JSON; Centrifugo cannot start with it.' },
  'json-comment': { severity: 'error', help: 'Centrifugo reads JSON strictly: comments make it refuse to start.' },
  'json-trailing-comma': { severity: 'error', help: 'Centrifugo reads JSON strictly: a trailing comma makes it refuse to start.' },
  'yaml-syntax': { severity: 'error', help: 'The file is not valid YAML; Centrifugo cannot start with it.' },
  'toml-syntax': { severity: 'error', help: 'The file is not valid TOML; Centrifugo cannot start with it.' },
  'yaml-ignored-document': { severity: 'warning', help: 'A YAML document after the first, which Centrifugo never reads.' },
  'value-converted': { severity: 'information', help: 'A YAML or TOML value that Centrifugo\'s decoder reads as something other than it looks (on as true, a datetime).' },
  'nested-too-deeply': { severity: 'error', help: 'Values nested deeper than the 10,000 levels Go\'s config decoders accept: Centrifugo cannot read the file.' },
  'missing-file': { severity: 'error', help: 'A certificate or key path that does not name a readable regular file.' },
  'shadowed-source': { severity: 'warning', help: 'A source Centrifugo ignores because a higher-priority source of the same setting is set.' },
  'mixed-source-pair': { severity: 'warning', help: 'Certificate and key come from different kinds of source, or one is missing: Centrifugo loads no certificate (on the HTTP server it then exits at start-up, an error).' },
  'invalid-base64': { severity: 'error', help: 'A base64 value that is not valid standard base64.' },
  'base64-not-pem': { severity: 'error', help: 'A base64 value that decodes to something other than PEM.' },
  'invalid-pem': { severity: 'error', help: 'PEM text that cannot be parsed.' },
  'wrong-pem-type': { severity: 'error', help: 'A private key where a certificate belongs, or the reverse.' },
  'der-not-pem': { severity: 'error', help: 'A DER or PKCS#12 file where Centrifugo expects PEM.' },
  'encrypted-key': { severity: 'error', help: 'A passphrase-protected private key, which Centrifugo cannot use.' },
  'type-mismatch': { severity: 'error', help: 'A value of the wrong type for the field (the type Centrifugo decodes it into).' },
  'unknown-field': { severity: 'warning', help: 'A key Centrifugo does not read at that place (any section, array item or TLS block); `checkconfig --strict` fails on it.' },
  'tls-disabled': { severity: 'hint', help: 'A block with certificate settings that is not enabled, so none of it is used (a warning when it has a certificate and key: TLS is silently off).' },
  'insecure-skip-verify': { severity: 'warning', help: 'Certificate verification is turned off.' },
  'duplicate-key': { severity: 'warning', help: 'The same key twice in one object or mapping; the last one wins.' },
  'unknown-in-version': { severity: 'warning', help: 'A key of the other major version, a key removed in a v6 release, or one newer than the pinned v6 minor.' },
  'invalid-value': { severity: 'error', help: 'A value outside the set or format Centrifugo accepts for the option (enumerations, name patterns).' },
  'undefined-name': { severity: 'error', help: 'A proxy or namespace name that is referenced but not defined: Centrifugo refuses to start.' },
  'duplicate-name': { severity: 'error', help: 'Two proxies, namespaces or consumers with one name: Centrifugo refuses to start.' },
  'wrong-location': { severity: 'warning', help: 'TLS settings at a place the Centrifugo version in use does not read.' },
  'no-effect-here': { severity: 'hint', help: 'A field that has no effect on this side of the connection.' },
  'autocert-host': { severity: 'error', help: 'A host name for which no ACME certificate can be issued.' },
  'autocert-email': { severity: 'warning', help: 'A malformed ACME account e-mail address.' },
  'autocert-http-addr': { severity: 'error', help: 'A malformed address for the HTTP-01 challenge listener.' },
  'autocert-conflict': { severity: 'warning', help: 'Autocert combined with settings it overrides or cannot work with.' },
  'h2c-with-tls': { severity: 'error', help: 'TLS together with h2c_external: Centrifugo v6 refuses to start.' },
  'cert-expired': { severity: 'error', help: 'The certificate has expired.' },
  'cert-expiring': { severity: 'warning', help: 'The certificate expires soon.' },
  'cert-not-yet-valid': { severity: 'error', help: 'The certificate is not valid yet.' },
  'key-mismatch': { severity: 'error', help: 'The private key does not belong to the certificate.' },
  'chain-order': { severity: 'warning', help: 'The chain is not in order: the leaf must come first, each next certificate issuing the one before.' },
  'ca-as-leaf': { severity: 'warning', help: 'A CA certificate used as the server or client certificate.' },
  'no-san': { severity: 'warning', help: 'A certificate without subject alternative names; modern clients ignore the common name.' },
  'weak-key': { severity: 'warning', help: 'An RSA key shorter than 2048 bits.' },
  'weak-signature': { severity: 'warning', help: 'A certificate signed with SHA-1 or MD5.' },
  'ca-bundle-invalid': { severity: 'error', help: 'A CA setting with no usable certificate: Centrifugo refuses to start.' },
  'pem-block-invalid': { severity: 'error', help: 'A broken PEM block in a certificate file.' },
  'tls-no-certificate': { severity: 'error', help: 'TLS on the HTTP server with no certificate and key: Centrifugo exits at start-up.' },
  'http3-without-tls': { severity: 'error', help: 'HTTP/3 without TLS on the HTTP server: Centrifugo exits at start-up.' },
  'kafka-tls-ignored': { severity: 'warning', help: 'A v5 Kafka consumer TLS key that Centrifugo v5 never reads; only `tls` has an effect.' },
  'legacy-key': { severity: 'warning', help: 'A key of an older Centrifugo version that does nothing now (`redis_tls_skip_verify`, `ssl`, `ssl_cert`, `ssl_key`).' },
  'env-syntax': { severity: 'error', help: 'An env file godotenv cannot read: Centrifugo v6 stops at start-up ("error loading .env file").' },
  'env-no-assignment': { severity: 'warning', help: 'A last line without `=` in an env file: it sets no variable.' },
  'env-unknown-name': { severity: 'warning', help: 'A CENTRIFUGO_ variable that Centrifugo does not read (v6 only logs "unknown var in environment").' },
  'env-other-version-name': { severity: 'warning', help: 'A variable of the other Centrifugo version: v5 flat names mean nothing to v6, and the reverse.' },
  'env-bad-value': { severity: 'error', help: 'A variable whose value does not parse as its option\'s type: v6 stops at start-up, v5 uses the zero value.' },
  'env-kubernetes-name': { severity: 'information', help: 'A name shaped like those Kubernetes injects for a Service (CENTRIFUGO_..._PORT, _SERVICE_...): Centrifugo ignores it without a warning.' },
  'env-pem-literal-newline': { severity: 'error', help: 'PEM in an env value with a literal \\n that stays two characters (unquoted or single-quoted): invalid PEM data.' },
  'env-pem-line-breaks': { severity: 'error', help: 'PEM in an env value whose line breaks were lost (one line with spaces): invalid PEM data.' },
  'env-pem-unquoted-multiline': { severity: 'error', help: 'A PEM value over several lines without double quotes: godotenv reads the second line as a name and fails.' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;
