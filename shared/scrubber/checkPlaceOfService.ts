import { shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isPlaceOfService } from './placeOfService.ts';
import type { Loose } from './read.ts';

/** The claim's place of service is a code of the CMS Place of Service code set. */
export function checkPlaceOfService(claim: Loose, out: ScrubFinding[]): void {
  if (isPlaceOfService(claim.placeOfService)) return;
  out.push(
    finding(
      'place_of_service_invalid',
      'error',
      `Place of service ${shown(claim.placeOfService)} is not a CMS place-of-service code — choose a valid one (e.g. 11 Office, 12 Home, 10 Telehealth in patient's home) on the session note.`,
      'placeOfService',
    ),
  );
}
