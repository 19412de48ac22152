/** How a service code turns into billing units. */
export type UnitKind =
  /** Time-based CPT codes: one unit per `unitMinutes` (15) of direct time, per the practice's rounding rule. */
  | 'timed'
  /** Untimed codes: one unit per session, whatever its length. */
  | 'per_session';

/** Broad family of a code; lets the generator and the UI group codes without hard-coding lists. */
export type ServiceCategory = 'aba' | 'therapy' | 'evaluation' | 'psychotherapy' | 'chiropractic' | 'em';

export interface ServiceCodeInfo {
  readonly code: string;
  readonly description: string;
  readonly unitKind: UnitKind;
  readonly category: ServiceCategory;
}

function entry(
  code: string,
  description: string,
  unitKind: UnitKind,
  category: ServiceCategory,
): ServiceCodeInfo {
  return { code, description, unitKind, category };
}

/** Every service code ClaimGrid knows, with its short description and unit kind, in catalog order. */
export const serviceCatalogEntries: readonly ServiceCodeInfo[] = [
  entry('97151', 'Behavior identification assessment by QHP, each 15 min', 'timed', 'aba'),
  entry('97152', 'Behavior identification supporting assessment by technician, each 15 min', 'timed', 'aba'),
  entry('97153', 'Adaptive behavior treatment by protocol, technician, each 15 min', 'timed', 'aba'),
  entry('97154', 'Group adaptive behavior treatment by protocol, each 15 min', 'timed', 'aba'),
  entry(
    '97155',
    'Adaptive behavior treatment with protocol modification by QHP, each 15 min',
    'timed',
    'aba',
  ),
  entry('97156', 'Family adaptive behavior treatment guidance by QHP, each 15 min', 'timed', 'aba'),
  entry('97157', 'Multiple-family group adaptive behavior treatment guidance, each 15 min', 'timed', 'aba'),
  entry('97158', 'Group adaptive behavior treatment with protocol modification, each 15 min', 'timed', 'aba'),
  entry('0362T', 'Behavior identification supporting assessment, each 15 min', 'timed', 'aba'),
  entry('0373T', 'Adaptive behavior treatment with protocol modification, each 15 min', 'timed', 'aba'),
  entry('97110', 'Therapeutic exercises, each 15 min', 'timed', 'therapy'),
  entry('97112', 'Neuromuscular reeducation, each 15 min', 'timed', 'therapy'),
  entry('97140', 'Manual therapy techniques, each 15 min', 'timed', 'therapy'),
  entry('97530', 'Therapeutic activities, each 15 min', 'timed', 'therapy'),
  entry('92507', 'Treatment of speech, language, voice, communication disorder', 'per_session', 'therapy'),
  entry('97161', 'Physical therapy evaluation, low complexity', 'per_session', 'evaluation'),
  entry('97162', 'Physical therapy evaluation, moderate complexity', 'per_session', 'evaluation'),
  entry('97163', 'Physical therapy evaluation, high complexity', 'per_session', 'evaluation'),
  entry('90791', 'Psychiatric diagnostic evaluation', 'per_session', 'psychotherapy'),
  entry('90832', 'Psychotherapy, 30 minutes with patient', 'per_session', 'psychotherapy'),
  entry('90834', 'Psychotherapy, 45 minutes with patient', 'per_session', 'psychotherapy'),
  entry('90837', 'Psychotherapy, 60 minutes with patient', 'per_session', 'psychotherapy'),
  entry(
    '90846',
    'Family psychotherapy without the patient present, 50 minutes',
    'per_session',
    'psychotherapy',
  ),
  entry('90847', 'Family psychotherapy with the patient present, 50 minutes', 'per_session', 'psychotherapy'),
  entry('98940', 'Chiropractic manipulative treatment, spinal, 1–2 regions', 'per_session', 'chiropractic'),
  entry('98941', 'Chiropractic manipulative treatment, spinal, 3–4 regions', 'per_session', 'chiropractic'),
  entry('98942', 'Chiropractic manipulative treatment, spinal, 5 regions', 'per_session', 'chiropractic'),
  entry('99202', 'Office visit, new patient, straightforward', 'per_session', 'em'),
  entry('99203', 'Office visit, new patient, low complexity', 'per_session', 'em'),
  entry('99204', 'Office visit, new patient, moderate complexity', 'per_session', 'em'),
  entry('99205', 'Office visit, new patient, high complexity', 'per_session', 'em'),
  entry('99212', 'Office visit, established patient, straightforward', 'per_session', 'em'),
  entry('99213', 'Office visit, established patient, low complexity', 'per_session', 'em'),
  entry('99214', 'Office visit, established patient, moderate complexity', 'per_session', 'em'),
  entry('99215', 'Office visit, established patient, high complexity', 'per_session', 'em'),
];

const byCode: ReadonlyMap<string, ServiceCodeInfo> = new Map(serviceCatalogEntries.map((e) => [e.code, e]));

/** The catalog entry for a code, or undefined when ClaimGrid doesn't know it. `serviceInfo('97153')?.unitKind` → 'timed'. */
export function serviceInfo(code: string): ServiceCodeInfo | undefined {
  return byCode.get(code);
}

/**
 * How a code is counted. Unknown codes count as timed: most codes a practice adds by hand
 * (H2019, H2014, S5111, …) are billed per 15 minutes.
 */
export function unitKindOf(code: string): UnitKind {
  return byCode.get(code)?.unitKind ?? 'timed';
}
