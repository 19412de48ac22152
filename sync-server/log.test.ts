import { describe, expect, it } from 'vitest';
import { createLogger, errorFields, type LogFields } from './log.ts';

function capture(level: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const log = createLogger({
    level,
    write: (line) => lines.push(line),
    now: () => new Date('2025-03-04T05:06:07.000Z'),
  });
  return { log, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, event and the fields', () => {
    const { log, lines } = capture('debug');
    log.info('login_succeeded', { userId: 'u_1', count: 2, ok: true, none: null });
    log.error('disk_full');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1).includes('\n')).toBe(false);
    }
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: '2025-03-04T05:06:07.000Z',
      level: 'info',
      event: 'login_succeeded',
      userId: 'u_1',
      count: 2,
      ok: true,
      none: null,
    });
    expect(JSON.parse(lines[1] as string)).toEqual({
      time: '2025-03-04T05:06:07.000Z',
      level: 'error',
      event: 'disk_full',
    });
  });

  it('drops lines below the level', () => {
    const { log, lines } = capture('warn');
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(['c', 'd']);
  });

  it('keeps time, level and event from being overwritten, and escapes newlines in values', () => {
    const { log, lines } = capture('info');
    log.info('real', { event: 'fake', level: 'debug', time: 'never', note: 'two\nlines' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: '2025-03-04T05:06:07.000Z',
      level: 'info',
      event: 'real',
      note: 'two\nlines',
    });
  });

  it('writes null for an object smuggled past the types instead of serializing it', () => {
    const { log, lines } = capture('info');
    const smuggled = { claim: { patientName: 'Synthetic Person' } } as unknown as LogFields;
    log.info('oops', smuggled);
    expect(JSON.parse(lines[0] as string).claim).toBeNull();
    expect(lines[0]).not.toContain('Synthetic Person');
  });

  it('child loggers add their fields to every line', () => {
    const { log, lines } = capture('info');
    const sync = log.child({ component: 'sync' });
    sync.info('connected', { practiceId: 'p_1' });
    expect(JSON.parse(lines[0] as string)).toMatchObject({ component: 'sync', practiceId: 'p_1' });
  });
});

describe('errorFields', () => {
  it('keeps the name, code and stack frames but not the message', () => {
    const err = Object.assign(new SyntaxError('Unexpected token in {"password":"hunter2-secret"'), {
      code: 'E_PARSE',
    });
    const fields = errorFields(err);
    expect(fields.errorName).toBe('SyntaxError');
    expect(fields.errorCode).toBe('E_PARSE');
    expect(String(fields.stack)).toContain('at ');
    expect(JSON.stringify(fields)).not.toContain('hunter2');
  });
});
