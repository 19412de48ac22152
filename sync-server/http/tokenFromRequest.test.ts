import { describe, expect, it } from 'vitest';
import { findToken, tokenFromRequest } from './tokenFromRequest.ts';

const T1 = 'A'.repeat(43);
const T2 = 'B'.repeat(43);
const T3 = 'C'.repeat(43);

describe('tokenFromRequest', () => {
  it('reads a bearer token, then the cg_session cookie, from fetch Headers', () => {
    expect(tokenFromRequest(new Headers({ authorization: `Bearer ${T1}` }))).toBe(T1);
    expect(tokenFromRequest(new Headers({ authorization: `bearer  ${T1} ` }))).toBe(T1);
    expect(tokenFromRequest(new Headers({ cookie: `theme=dark; cg_session=${T2}; x=1` }))).toBe(T2);
    expect(findToken(new Headers({ authorization: `Bearer ${T1}`, cookie: `cg_session=${T2}` }))).toEqual({
      token: T1,
      source: 'bearer',
    });
  });

  it('reads Node IncomingMessage-style headers, including a repeated cookie header', () => {
    expect(tokenFromRequest({ authorization: `Bearer ${T1}` })).toBe(T1);
    expect(tokenFromRequest({ cookie: ['theme=dark', `cg_session=${T2}`] })).toBe(T2);
  });

  it('reads the token query parameter only when given the URL', () => {
    expect(tokenFromRequest({}, `/sync/p_1?token=${T3}`)).toBe(T3);
    expect(findToken(new Headers(), new URL(`ws://127.0.0.1:8080/sync?token=${T3}`))).toEqual({
      token: T3,
      source: 'query',
    });
    expect(tokenFromRequest(new Headers({ cookie: `cg_session=${T2}` }), `/sync?token=${T3}`)).toBe(T2);
  });

  it('answers null when there is no usable token', () => {
    expect(tokenFromRequest(new Headers())).toBeNull();
    expect(tokenFromRequest(new Headers({ authorization: 'Basic dXNlcjpwYXNz' }))).toBeNull();
    expect(tokenFromRequest(new Headers({ authorization: 'Bearer' }))).toBeNull();
    expect(tokenFromRequest(new Headers({ cookie: 'other=1' }))).toBeNull();
    expect(tokenFromRequest({}, '/sync?other=1')).toBeNull();
  });
});
