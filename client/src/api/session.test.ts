import { describe, expect, it } from 'vitest';
import { parseSessionInfo, roleLabel } from './session.ts';

const user = { id: 'u1', email: 'a@b.test', displayName: 'A', isSystemAdmin: false };
const practice = { id: 'p1', name: 'Clinic', role: 'biller' };

describe('parseSessionInfo', () => {
  it('keeps a well-formed session, dropping members the screens do not know', () => {
    expect(parseSessionInfo({ user: { ...user, extra: 1 }, practices: [practice], more: true })).toEqual({
      user,
      practices: [practice],
    });
  });

  it('refuses anything that is not one', () => {
    for (const bad of [
      null,
      [],
      'text',
      { user },
      { practices: [] },
      { user: { ...user, isSystemAdmin: 'no' }, practices: [] },
      { user, practices: [{ ...practice, role: 'owner' }] },
      { user, practices: [{ id: 'p1', role: 'viewer' }] },
      { user, practices: {} },
    ]) {
      expect(parseSessionInfo(bad)).toBeNull();
    }
  });
});

describe('roleLabel', () => {
  it('names every role', () => {
    expect([roleLabel('admin'), roleLabel('biller'), roleLabel('viewer')]).toEqual([
      'Practice admin',
      'Biller',
      'Viewer (read-only)',
    ]);
  });
});
