import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses safe defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      dbPath: 'data/claimgrid.sqlite',
      sessionTtlMs: 12 * 3_600_000,
      cookieSecure: false,
      sqliteSynchronous: 'FULL',
      logLevel: 'info',
      inboundPollMs: 120_000,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/claimgrid',
      SESSION_TTL_HOURS: '1.5',
      COOKIE_SECURE: 'true',
      SQLITE_SYNCHRONOUS: 'normal',
      LOG_LEVEL: 'WARN',
      CLEARINGHOUSE_POLL_SECONDS: '30',
    });
    expect(config).toEqual({
      port: 9090,
      host: '0.0.0.0',
      dataDir: '/var/lib/claimgrid',
      dbPath: '/var/lib/claimgrid/claimgrid.sqlite',
      sessionTtlMs: 5_400_000,
      cookieSecure: true,
      sqliteSynchronous: 'NORMAL',
      logLevel: 'warn',
      inboundPollMs: 30_000,
    });
  });

  it('lets DB_PATH override the database location and treats blank values as unset', () => {
    const config = loadConfig({ DATA_DIR: 'd', DB_PATH: '/tmp/x.sqlite', PORT: '  ', LOG_LEVEL: '' });
    expect(config.dbPath).toBe('/tmp/x.sqlite');
    expect(config.dataDir).toBe('d');
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('info');
  });

  it('takes 0 (off) or 5 s to a day between clearinghouse polls, and names the variable otherwise', () => {
    expect(loadConfig({ CLEARINGHOUSE_POLL_SECONDS: '0' }).inboundPollMs).toBe(0);
    expect(loadConfig({ CLEARINGHOUSE_POLL_SECONDS: '86400' }).inboundPollMs).toBe(86_400_000);
    for (const bad of ['4', '86401', '1.5', '-1', 'often']) {
      expect(() => loadConfig({ CLEARINGHOUSE_POLL_SECONDS: bad })).toThrow(/^CLEARINGHOUSE_POLL_SECONDS: /);
    }
  });

  it('accepts port 0 (any free port) and 65535', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['SESSION_TTL_HOURS', '0'],
    ['SESSION_TTL_HOURS', '721'],
    ['SESSION_TTL_HOURS', '12h'],
    ['COOKIE_SECURE', 'yes'],
    ['SQLITE_SYNCHRONOUS', 'OFF'],
    ['LOG_LEVEL', 'verbose'],
  ])('refuses %s=%s, naming the variable and the value', (variable, value) => {
    const err = configError({ [variable]: value });
    expect(err.code).toBe('invalid_config');
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: "${value}"`)).toBe(true);
  });
});
