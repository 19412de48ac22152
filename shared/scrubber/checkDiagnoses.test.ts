import { describe, expect, it } from 'vitest';
import { baseline, found, poke, scrub } from './scrubber.fixture.ts';

describe('scrubClaim: diagnoses', () => {
  it('passes several diagnoses with lines pointing at each', () => {
    const s = baseline();
    s.claim.diagnosisCodes = ['F840', 'F900', 'Z553'];
    s.claim.lines[0]!.diagnosisPointers = [1, 2];
    s.claim.lines[1]!.diagnosisPointers = [3, 2, 1];
    expect(scrub(s)).toEqual([]);
  });

  it('refuses a claim with no diagnosis (and does not also flag every pointer)', () => {
    const s = baseline();
    s.claim.diagnosisCodes = [];
    expect(found(scrub(s))).toEqual([
      { code: 'diagnosis_missing', severity: 'error', field: 'diagnosisCodes' },
    ]);
  });

  it('refuses unreadable diagnosis codes', () => {
    const s = baseline();
    poke(s.claim, 'diagnosisCodes', null);
    expect(found(scrub(s))).toEqual([
      { code: 'diagnosis_missing', severity: 'error', field: 'diagnosisCodes' },
    ]);
  });

  it('refuses a code stored with its dot, suggesting the stored form', () => {
    const s = baseline();
    s.claim.diagnosisCodes = ['F84.0'];
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'diagnosis_malformed', severity: 'error', field: 'diagnosisCodes' },
    ]);
    expect(findings[0]!.message).toContain('Diagnosis 1 (F84.0)');
    expect(findings[0]!.message).toContain('re-enter it as F840');
  });

  it('refuses a code of the wrong shape, saying what a code looks like', () => {
    const s = baseline();
    s.claim.diagnosisCodes = ['F840', '123'];
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'diagnosis_malformed', severity: 'error', field: 'diagnosisCodes' },
    ]);
    expect(findings[0]!.message).toContain('Diagnosis 2 (123) is not a valid ICD-10-CM code — correct it');
  });

  it('refuses more than 12 diagnoses', () => {
    const s = baseline();
    s.claim.diagnosisCodes = Array.from({ length: 13 }, (_, i) => `F8${i % 10}${i}`);
    expect(found(scrub(s))).toEqual([
      { code: 'diagnosis_too_many', severity: 'error', field: 'diagnosisCodes' },
    ]);
  });

  it('refuses a pointer past the last diagnosis', () => {
    const s = baseline();
    s.claim.lines[1]!.diagnosisPointers = [1, 2];
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'diagnosis_pointer_invalid', severity: 'error', lineNo: 2, field: 'diagnosisPointers' },
    ]);
    expect(findings[0]!.message).toBe(
      "Line 2 points at diagnosis 2, but the claim has 1 diagnosis — relink the line to one of the claim's diagnoses.",
    );
  });

  it('refuses a zero pointer', () => {
    const s = baseline();
    s.claim.lines[0]!.diagnosisPointers = [0];
    expect(found(scrub(s))).toEqual([
      { code: 'diagnosis_pointer_invalid', severity: 'error', lineNo: 1, field: 'diagnosisPointers' },
    ]);
  });

  it('refuses more than 4 pointers on a line', () => {
    const s = baseline();
    s.claim.diagnosisCodes = ['F840', 'F900', 'Z553', 'R480', 'F419'];
    s.claim.lines[0]!.diagnosisPointers = [1, 2, 3, 4, 5];
    expect(found(scrub(s))).toEqual([
      { code: 'diagnosis_pointer_invalid', severity: 'error', lineNo: 1, field: 'diagnosisPointers' },
    ]);
  });

  it('refuses a line without pointers', () => {
    const s = baseline();
    s.claim.lines[0]!.diagnosisPointers = [];
    expect(found(scrub(s))).toEqual([
      { code: 'diagnosis_pointer_missing', severity: 'error', lineNo: 1, field: 'diagnosisPointers' },
    ]);
  });
});
