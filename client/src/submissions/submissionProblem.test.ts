import { describe, expect, it } from 'vitest';
import { ApiError, OFFLINE_MESSAGE } from '../api/apiClient.ts';
import { claimProblemLines, submissionProblem } from './submissionProblem.ts';

describe('a failed submission call, in words', () => {
  it('shows the server’s message and the claims it names', () => {
    const body = {
      error: {
        code: 'batch_out_of_date',
        message: 'One claim of this batch changed since the file was made.',
      },
      claims: [{ claimId: 'C1', code: 'not_ready', message: 'This claim is Held now, not Ready.' }],
    };
    const p = submissionProblem(new ApiError('forbidden', body.error.message, 409, body.error, { body }));
    expect(p).toEqual({
      message: 'One claim of this batch changed since the file was made.',
      claims: body.claims,
      batch: null,
      offline: false,
    });
  });

  it('says when the server could not be reached', () => {
    const p = submissionProblem(new ApiError('offline', OFFLINE_MESSAGE, 0));
    expect(p).toMatchObject({ message: OFFLINE_MESSAGE, offline: true, claims: [] });
  });

  it('ignores extras it cannot read rather than failing', () => {
    const body = { error: { code: 'x', message: 'm' }, claims: 'not a list' };
    expect(submissionProblem(new ApiError('internal', 'm', 500, null, { body })).claims).toEqual([]);
  });

  it('describes a bug here without its internals', () => {
    const p = submissionProblem(new TypeError('cannot read properties of undefined (reading "x")'));
    expect(p.message).not.toContain('undefined');
    expect(p.message).toContain('Reload');
  });

  it('lists each claim with its scrubber errors, then how many more', () => {
    const claims = Array.from({ length: 3 }, (_, i) => ({
      claimId: `C${i}`,
      code: 'scrubber',
      message: 'Left out.',
      findings: [
        { code: 'units_invalid', severity: 'error', message: 'Units must be more than 0.' },
        { code: 'timely_filing_near', severity: 'warning', message: 'Near the limit.' },
      ],
    }));
    expect(claimProblemLines(claims, 2)).toEqual([
      'C0: Left out. Units must be more than 0.',
      'C1: Left out. Units must be more than 0.',
      '…and 1 more.',
    ]);
  });
});
