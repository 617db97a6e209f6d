import { FORMAT_NAMES, type PrivateKeyInfo } from './keys';
import type { ParsedMaterial } from './parsedMaterial';
import type { PemProblem, TextRange } from './pem';

/**
 * Whether parsed material fits where it is used, told the way Centrifugo will react to it:
 * Centrifugo (Go's crypto/tls and x509) loads PEM only; for a certificate it takes every
 * CERTIFICATE block and fails on any it cannot parse; for a key it takes the first
 * `... PRIVATE KEY` block; for a CA it adds every parsable CERTIFICATE block and fails when
 * none is left. Blocks its PEM decoder cannot read are skipped without a word.
 */

export type MaterialExpectation = 'certificate' | 'key' | 'ca';

export type MaterialProblemCode = 'invalid-pem' | 'der-not-pem' | 'wrong-pem-type' | 'encrypted-key' | 'ca-bundle-invalid';

export interface MaterialProblem {
  readonly code: MaterialProblemCode;
  readonly severity: 'error' | 'warning';
  /** Our own words: what is wrong, what Centrifugo will do, what to change. */
  readonly message: string;
  /** Offsets into the analysed input (see analyzeMaterial); absent when it concerns the whole. */
  readonly range?: TextRange;
}

export interface MaterialAnalysis extends ParsedMaterial {
  readonly expectation: MaterialExpectation;
  readonly problems: readonly MaterialProblem[];
  /** True when Centrifugo can load this material for the expected use. */
  readonly usable: boolean;
}

/** What a user calls the material of each use, for messages. */
export const MATERIAL_NOUNS: Readonly<Record<MaterialExpectation, string>> = {
  certificate: 'certificate',
  key: 'private key',
  ca: 'CA bundle',
};

export function judgeMaterial(parsed: ParsedMaterial, expectation: MaterialExpectation): MaterialAnalysis {
  const problems: MaterialProblem[] = [];
  const usable = isUsable(parsed, expectation);
  const noun = MATERIAL_NOUNS[expectation];
  const add = (code: MaterialProblemCode, severity: MaterialProblem['severity'], message: string, range?: TextRange): void => {
    problems.push(range ? { code, severity, message, range } : { code, severity, message });
  };

  switch (parsed.kind) {
    case 'empty':
      if (expectation === 'ca') add('ca-bundle-invalid', 'error', 'The CA bundle is empty. Centrifugo refuses to start when a CA setting yields no certificate. Put the CA certificate(s) here in PEM form.');
      else add('invalid-pem', 'error', `The ${noun} is empty. Centrifugo cannot load an empty ${noun} and TLS will not start. Provide the ${noun} in PEM form.`);
      break;
    case 'garbage': {
      const what = `This is not PEM data: there is no "-----BEGIN ...-----" line.${garbageAdvice(parsed)}`;
      if (expectation === 'ca') add('ca-bundle-invalid', 'error', `${what} Centrifugo refuses to start when a CA setting yields no certificate.`);
      else add('invalid-pem', 'error', `${what} Centrifugo reads the ${noun} only as PEM and will fail to start.`);
      break;
    }
    case 'der-certificate':
    case 'der-key':
    case 'pkcs12':
    case 'pkcs7':
      add('der-not-pem', 'error', binaryMessage(parsed, expectation));
      break;
    case 'pem':
      judgePem(parsed, expectation, usable, add);
      break;
  }
  return { ...parsed, expectation, problems, usable };
}

function isUsable(parsed: ParsedMaterial, expectation: MaterialExpectation): boolean {
  if (parsed.kind !== 'pem') return false;
  switch (expectation) {
    case 'certificate':
      return parsed.certificates.length > 0 && parsed.brokenCertificates.length === 0;
    case 'key': {
      const key = parsed.keys[0];
      return key !== undefined && !key.encrypted && key.unreadable === undefined;
    }
    case 'ca':
      return parsed.certificates.length > 0;
  }
}

type Add = (code: MaterialProblemCode, severity: MaterialProblem['severity'], message: string, range?: TextRange) => void;

function judgePem(parsed: ParsedMaterial, expectation: MaterialExpectation, usable: boolean, add: Add): void {
  const noun = MATERIAL_NOUNS[expectation];
  const skippedSeverity = usable ? 'warning' : 'error';
  let problems = parsed.pemProblems;
  if (parsed.hint === 'utf8-bom') {
    add('invalid-pem', 'error', `The ${noun} starts with a UTF-8 byte-order mark, which hides its first PEM block from Centrifugo's PEM reader. Save the file as UTF-8 without BOM.`);
    // The END line of that hidden block shows up as a stray END; the BOM message explains it.
    const strayEnd = problems.findIndex((problem) => problem.kind === 'end-without-begin');
    if (strayEnd >= 0) problems = problems.filter((_, index) => index !== strayEnd);
  }
  for (const problem of problems) add('invalid-pem', skippedSeverity, pemProblemMessage(problem, usable), problem.range);
  // A summary "nothing found" would only repeat what the block problems above already say.
  const alreadyExplained = problems.length > 0 || parsed.hint === 'utf8-bom';

  const firstKey = parsed.keys[0];
  const certificateBlocks = parsed.certificates.length + parsed.brokenCertificates.length;
  switch (expectation) {
    case 'certificate': {
      for (const broken of parsed.brokenCertificates) {
        add('invalid-pem', 'error', 'This CERTIFICATE block does not hold a valid X.509 certificate. Centrifugo fails to start when any certificate block cannot be parsed. Replace it with an intact copy of the certificate.', broken.range);
      }
      if (certificateBlocks > 0) break;
      if (firstKey) {
        add('wrong-pem-type', 'error', 'This holds a private key where the certificate belongs: the certificate and key look swapped. Centrifugo will fail to start. Give the certificate ("-----BEGIN CERTIFICATE-----") here and the key in the key setting.', firstKey.range);
      } else if (parsed.otherBlocks.length > 0) {
        add('wrong-pem-type', 'error', `${holdsOther(parsed)} where a certificate belongs. Centrifugo looks only for "CERTIFICATE" blocks and will fail to start.${otherAdvice(parsed)}`, parsed.otherBlocks[0].range);
      } else if (!alreadyExplained) {
        add('invalid-pem', 'error', 'No certificate was found in this PEM data. Centrifugo will fail to start. Provide the certificate ("-----BEGIN CERTIFICATE-----").');
      }
      break;
    }
    case 'key': {
      if (firstKey) {
        judgeKey(firstKey, add);
        break;
      }
      const publicKey = parsed.otherBlocks.find((block) => block.label === 'PUBLIC KEY' || block.label === 'RSA PUBLIC KEY');
      if (certificateBlocks > 0) {
        add('wrong-pem-type', 'error', 'This holds a certificate where the private key belongs: the certificate and key look swapped. Centrifugo will fail to start. Give the private key ("-----BEGIN ... PRIVATE KEY-----") here and the certificate in the certificate setting.', parsed.certificates[0]?.range ?? parsed.brokenCertificates[0]?.range);
      } else if (publicKey) {
        add('wrong-pem-type', 'error', 'This holds a public key, but TLS needs the private key that belongs to the certificate. Centrifugo will fail to start. Give the private key ("-----BEGIN ... PRIVATE KEY-----") here.', publicKey.range);
      } else if (parsed.otherBlocks.length > 0) {
        add('wrong-pem-type', 'error', `${holdsOther(parsed)} where a private key belongs. Centrifugo will fail to start. Give the private key ("-----BEGIN ... PRIVATE KEY-----") here.`, parsed.otherBlocks[0].range);
      } else if (!alreadyExplained) {
        add('invalid-pem', 'error', 'No private key was found in this PEM data. Centrifugo will fail to start. Provide the private key ("-----BEGIN ... PRIVATE KEY-----").');
      }
      break;
    }
    case 'ca': {
      for (const broken of parsed.brokenCertificates) {
        add('invalid-pem', skippedSeverity, `This CERTIFICATE block does not hold a valid X.509 certificate. Centrifugo skips it${usable ? '' : ', leaving no CA certificate'}. Replace it with an intact copy or remove it.`, broken.range);
      }
      if (parsed.certificates.length === 0) {
        const instead = firstKey ? ': it holds a private key instead' : parsed.otherBlocks.length > 0 ? `: ${holdsOther(parsed).replace(/^This holds /, 'it holds ')} instead` : '';
        add('ca-bundle-invalid', 'error', `The CA bundle contains no usable certificate${instead}. Centrifugo refuses to start when a CA setting yields no certificate. Put the CA certificate(s) here in PEM form ("-----BEGIN CERTIFICATE-----").`);
      } else if (firstKey) {
        add('wrong-pem-type', 'warning', 'A private key sits in this CA bundle. Centrifugo ignores it, but a CA bundle should hold certificates only: remove the key so it is not copied around with the bundle.', firstKey.range);
      }
      break;
    }
  }
}

function judgeKey(key: PrivateKeyInfo, add: Add): void {
  if (key.encrypted) {
    const how = key.format === 'legacy-encrypted' ? 'OpenSSL\'s "Proc-Type: 4,ENCRYPTED" form' : key.format === 'encrypted-pkcs8' ? 'an "ENCRYPTED PRIVATE KEY", PKCS#8' : FORMAT_NAMES[key.format];
    add('encrypted-key', 'error', `The private key is protected by a passphrase (${how}). Centrifugo cannot ask for a passphrase and will fail to start. Store the key unencrypted, e.g. \`openssl pkey -in key.pem -out key-plain.pem\`, and protect the file with permissions instead.`, key.range);
  } else if (key.format === 'openssh') {
    add('invalid-pem', 'error', 'This private key is in the OpenSSH format, which Centrifugo cannot read; it will fail to start. Convert it to PEM with `ssh-keygen -p -m PEM -f <file>` (this rewrites the file).', key.range);
  } else if (key.unreadable) {
    add('invalid-pem', 'error', `This private key cannot be read: ${key.unreadable}. Centrifugo will fail to start. Replace it with an intact PEM private key.`, key.range);
  }
}

function holdsOther(parsed: ParsedMaterial): string {
  const labels = [...new Set(parsed.otherBlocks.map((block) => `"${block.label}"`))];
  return `This holds ${labels.join(', ')} ${labels.length === 1 ? 'block' : 'blocks'}`;
}

function otherAdvice(parsed: ParsedMaterial): string {
  if (parsed.otherBlocks.some((block) => block.label === 'PKCS7')) {
    return ' Extract the certificates with `openssl pkcs7 -in bundle.p7b -print_certs -out cert.pem`.';
  }
  if (parsed.otherBlocks.some((block) => block.label === 'TRUSTED CERTIFICATE')) {
    return ' Convert it with `openssl x509 -in cert.pem -out cert-plain.pem`, which writes a plain "CERTIFICATE" block.';
  }
  return ' Give the certificate ("-----BEGIN CERTIFICATE-----") here.';
}

function pemProblemMessage(problem: PemProblem, usable: boolean): string {
  const outcome = usable ? 'Centrifugo skips this block without a warning' : 'Centrifugo skips this block and finds nothing else to load';
  const detail = problem.detail.charAt(0).toUpperCase() + problem.detail.slice(1);
  switch (problem.kind) {
    case 'bad-base64':
      return `${detail}. ${outcome}. Copy the block again from its source; it was probably damaged in transit.`;
    case 'end-without-begin':
      return `${detail}: the start of a block is missing. ${usable ? 'Centrifugo ignores the stray line' : 'Centrifugo finds nothing to load'}. Restore the "-----BEGIN ${problem.label}-----" line or remove the leftover.`;
    case 'begin-without-end':
      return `${detail}. ${outcome}. Add the "-----END ${problem.label}-----" line; the copy was probably cut short.`;
    case 'label-mismatch':
      return `${detail}. ${outcome}. Make the BEGIN and END lines name the same type.`;
  }
}

function garbageAdvice(parsed: ParsedMaterial): string {
  switch (parsed.hint) {
    case 'base64-pem':
      return ' It is base64-encoded PEM: store the decoded text instead (`base64 -d`).';
    case 'base64-der-certificate':
      return ' It looks like the base64 body of a certificate without its marker lines: add "-----BEGIN CERTIFICATE-----" before it and "-----END CERTIFICATE-----" after it.';
    case 'base64-der-key':
      return ' It looks like the base64 body of a private key without its marker lines: add the matching "-----BEGIN ... PRIVATE KEY-----" and "-----END ... PRIVATE KEY-----" lines.';
    default:
      return '';
  }
}

function binaryMessage(parsed: ParsedMaterial, expectation: MaterialExpectation): string {
  const fails = expectation === 'ca' ? 'Centrifugo reads CA certificates only as PEM and refuses to start.' : 'Centrifugo reads only PEM and will fail to start.';
  switch (parsed.kind) {
    case 'der-certificate': {
      const subject = parsed.certificates[0]?.subject;
      const misplaced = expectation === 'key' ? ' It is also a certificate, not the private key that belongs here.' : '';
      return `This is a certificate in binary DER form${subject ? ` (${subject})` : ''}. ${fails}${misplaced} Convert it: \`openssl x509 -inform der -in cert.der -out cert.pem\`.`;
    }
    case 'der-key': {
      const misplaced = expectation === 'key' ? '' : ' It is also a private key, not a certificate.';
      const encrypted = parsed.keys[0]?.encrypted ? ' It is encrypted too; the conversion asks for its passphrase and writes it unencrypted.' : '';
      return `This is a private key in binary DER form. ${fails}${misplaced}${encrypted} Convert it: \`openssl pkey -inform der -in key.der -out key.pem\`.`;
    }
    case 'pkcs12': {
      const extract =
        expectation === 'key'
          ? '`openssl pkcs12 -in bundle.p12 -nocerts -nodes -out key.pem`'
          : expectation === 'ca'
            ? '`openssl pkcs12 -in bundle.p12 -cacerts -nokeys -out ca.pem`'
            : '`openssl pkcs12 -in bundle.p12 -clcerts -nokeys -out cert.pem`';
      return `This is a PKCS#12 bundle (.p12/.pfx). ${fails} Extract the PEM ${MATERIAL_NOUNS[expectation]}: ${extract}.`;
    }
    default:
      return `This is a PKCS#7 certificate bundle (.p7b) in binary form. ${fails} Extract the certificates: \`openssl pkcs7 -inform der -in bundle.p7b -print_certs -out certs.pem\`.`;
  }
}
