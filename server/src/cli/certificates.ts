/**
 * The certificates the checker lists, in the contract's JSON shape. The certificate layer owns
 * the facts; the CLI only asks the service for them and prints them.
 */
import type { CentrifugoLanguageService, CertificateReport, ServiceRequest } from '../service';
import { daysLeft as calendarDaysLeft } from '../service';

export type { CertificateReport } from '../service';

/** Every certificate the config's TLS settings lead to, in document order. */
export async function certificatesOf(service: CentrifugoLanguageService, request: ServiceRequest): Promise<CertificateReport[]> {
  return service.getCertificates(request);
}

/**
 * UTC calendar days until the certificate expires (0 on its last day, negative once past), the
 * same count the diagnostics and the CodeLens give.
 */
export function daysLeft(certificate: CertificateReport, now: Date): number {
  return calendarDaysLeft(new Date(certificate.notAfter), now);
}
