import { signedBy, type CertificateFacts, type ParsedCertificate } from './facts';

/**
 * How certificate i+1 of a file relates to certificate i: a correct chain file lists the leaf
 * first and then each issuer after the certificate it signed (what Go sends on the wire, in
 * the order given, and what clients expect).
 */
export interface ChainLink {
  /** certificates[child].issuer equals certificates[child + 1].subject. */
  readonly issuerNameMatches: boolean;
  /** AKI of the child equals SKI of the next; `undefined` when either is missing. */
  readonly keyIdMatches?: boolean;
  /** The next certificate's key verifies the child's signature; `undefined` when not checked. */
  readonly signatureValid?: boolean;
}

export async function linkChain(certificates: readonly ParsedCertificate[]): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  for (let i = 0; i + 1 < certificates.length; i++) {
    const child = certificates[i];
    const parent = certificates[i + 1];
    const issuerNameMatches = issues(parent.facts, child.facts);
    links.push({
      issuerNameMatches,
      keyIdMatches: keyIdsMatch(parent.facts, child.facts),
      // Only worth the cost when the names already agree: CA bundles hold hundreds of
      // unrelated neighbours.
      signatureValid: issuerNameMatches ? await signedBy(child, parent) : undefined,
    });
  }
  return links;
}

/** By names alone, ignoring key identifiers. */
export function issues(issuer: CertificateFacts, child: CertificateFacts): boolean {
  return child.issuer === issuer.subject;
}

export function keyIdsMatch(issuer: CertificateFacts, child: CertificateFacts): boolean | undefined {
  if (!child.authorityKeyId || !issuer.subjectKeyId) return undefined;
  return child.authorityKeyId === issuer.subjectKeyId;
}

/** A link holds unless some evidence speaks against it. */
export function linkHolds(link: ChainLink): boolean {
  return link.issuerNameMatches && link.keyIdMatches !== false && link.signatureValid !== false;
}

/**
 * The order that would make the chain valid by names, or undefined when the certificates do
 * not form a single chain. Key identifiers break ties between same-named issuers.
 */
export function suggestChainOrder(certificates: readonly CertificateFacts[]): CertificateFacts[] | undefined {
  const isIssuerOfAnother = (candidate: CertificateFacts): boolean =>
    certificates.some((other) => other !== candidate && !other.selfSigned && issues(candidate, other));
  const leaves = certificates.filter((candidate) => !isIssuerOfAnother(candidate));
  if (leaves.length !== 1) return undefined;
  const order = [leaves[0]];
  while (order.length < certificates.length) {
    const current = order[order.length - 1];
    if (current.selfSigned) return undefined;
    const parents = certificates.filter((candidate) => !order.includes(candidate) && issues(candidate, current));
    const parent = parents.find((candidate) => candidate.subjectKeyId !== undefined && candidate.subjectKeyId === current.authorityKeyId) ?? parents[0];
    if (!parent) return undefined;
    order.push(parent);
  }
  return order;
}
