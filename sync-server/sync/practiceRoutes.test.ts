import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 40 });
});
afterAll(async () => {
  await t?.stop();
});

function partitions(token: string | null) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return fetch(`${t.server.url}/api/practices/${t.practice.practice.id}/partitions`, { headers });
}

describe('GET /api/practices/:id/partitions', () => {
  it('lists the seeded service months to a member', async () => {
    const res = await partitions(t.tokens.viewer);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partitions: [...t.partitions].sort() });
  });

  it('refuses someone from another practice, and anyone without a session', async () => {
    const outsider = await partitions(t.tokens.outsider);
    expect(outsider.status).toBe(403);
    expect((await outsider.json()).error.code).toBe('forbidden');
    const anonymous = await partitions(null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('login_required');
  });
});
