import { createHash } from 'node:crypto';
import { decodeBase64Strict } from './base64';
import { linkChain } from './chain';
import { sniffDer, isPrivateKeyKind } from './derKind';
import { parseCertificate, type ParsedCertificate } from './facts';
import { analyzePrivateKeyBlock, analyzePrivateKeyDer, isPrivateKeyLabel, type PrivateKeyInfo } from './keys';
import { judgeMaterial, type MaterialAnalysis, type MaterialExpectation } from './judge';
import type { GarbageHint, ParsedMaterial } from './parsedMaterial';
import { looksLikePem, splitPem, type TextRange } from './pem';

/**
 * Reading certificate/key material: what the bytes are, and everything inside them, before any
 * judgement of whether they fit the place they are used (judge.ts does that). Splitting the two
 * lets the cache parse a file once even when it serves as certificate and as CA.
 */

export type { GarbageHint, MaterialKind, ParsedMaterial } from './parsedMaterial';
export type { MaterialAnalysis, MaterialExpectation } from './judge';

/**
 * Classifies and analyses certificate or key material for one use. For a Uint8Array, ranges
 * are byte offsets into it; for a string (an inline config value), offsets into the string.
 */
export async function analyzeMaterial(input: Uint8Array | string, expectation: MaterialExpectation): Promise<MaterialAnalysis> {
  return judgeMaterial(await parseMaterial(input), expectation);
}

export async function parseMaterial(input: Uint8Array | string): Promise<ParsedMaterial> {
  const bytes = typeof input === 'string' ? new Uint8Array(Buffer.from(input, 'utf8')) : input;
  // Latin-1 maps each byte to one char, so string offsets are byte offsets for binary input.
  const text = typeof input === 'string' ? input : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const base = {
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    certificates: [],
    chainLinks: [],
    keys: [],
    otherBlocks: [],
    brokenCertificates: [],
    pemProblems: [],
  };
  if (text.trim() === '') return { ...base, kind: 'empty' };
  if (text.includes('-----BEGIN ') || text.includes('-----END ')) return { ...base, ...(await parsePemText(text)), kind: 'pem' };
  if (bytes[0] === 0x30) {
    const derKind = sniffDer(bytes);
    if (derKind === 'certificate') {
      try {
        const parsed = parseCertificate(bytes, 0);
        return { ...base, kind: 'der-certificate', certificates: [parsed.facts] };
      } catch {
        return { ...base, kind: 'der-certificate', brokenCertificates: [{}] };
      }
    }
    if (isPrivateKeyKind(derKind)) return { ...base, kind: 'der-key', keys: [analyzePrivateKeyDer(bytes, derKind)] };
    if (derKind === 'pkcs12' || derKind === 'pkcs7') return { ...base, kind: derKind };
  }
  return { ...base, kind: 'garbage', hint: hintFor(text) };
}

type PemContents = Pick<ParsedMaterial, 'certificates' | 'chainLinks' | 'keys' | 'otherBlocks' | 'brokenCertificates' | 'pemProblems' | 'hint'>;

async function parsePemText(text: string): Promise<PemContents> {
  const split = splitPem(text);
  const parsed: ParsedCertificate[] = [];
  const keys: PrivateKeyInfo[] = [];
  const otherBlocks: { label: string; range: TextRange }[] = [];
  const brokenCertificates: { range: TextRange }[] = [];
  for (const block of split.blocks) {
    if (block.label === 'CERTIFICATE') {
      try {
        parsed.push(parseCertificate(block.der, parsed.length, block.range));
      } catch {
        brokenCertificates.push({ range: block.range });
      }
    } else if (isPrivateKeyLabel(block.label)) {
      keys.push(analyzePrivateKeyBlock(block));
    } else {
      otherBlocks.push({ label: block.label, range: block.range });
    }
  }
  // Go's decoder looks for "-----BEGIN" at the very start of the data or of a line, so a
  // byte-order mark (Windows editors add one) hides the first block.
  const hint: GarbageHint | undefined = text.startsWith('\u00ef\u00bb\u00bf-----BEGIN ') || text.startsWith('\ufeff-----BEGIN ') ? 'utf8-bom' : undefined;
  return {
    certificates: parsed.map((certificate) => certificate.facts),
    chainLinks: await linkChain(parsed),
    keys,
    otherBlocks,
    brokenCertificates,
    pemProblems: split.problems,
    hint,
  };
}

function hintFor(text: string): GarbageHint | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 16) return undefined;
  const decoded = decodeBase64Strict(compact);
  if (!decoded.ok) return undefined;
  const inner = decoded.bytes;
  if (looksLikePem(Buffer.from(inner).toString('latin1'))) return 'base64-pem';
  const kind = sniffDer(inner);
  if (kind === 'certificate') return 'base64-der-certificate';
  if (isPrivateKeyKind(kind)) return 'base64-der-key';
  return undefined;
}
