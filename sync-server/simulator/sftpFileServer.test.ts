import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostKeyFingerprint } from '../clearinghouse/hostKey.ts';
import { testConnection } from '../clearinghouse/sftpUploader.ts';
import {
  type ClearinghouseSimulator,
  generateEd25519,
  startClearinghouseSimulator,
} from './clearinghouseSimulator.ts';

// The simulator's SFTP subsystem, driven by ssh2-sftp-client (the library under our uploader) directly.
// File names here hold no "837P", so the simulator never answers or moves them.

let dir: string;
let sim: ClearinghouseSimulator;
let client: SftpClient;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-simsftp-'));
  sim = await startClearinghouseSimulator({ dir, password: 'correct horse', pollMs: 60_000 });
  client = new SftpClient();
  await client.connect({
    host: sim.host,
    port: sim.port,
    username: sim.username,
    privateKey: sim.privateKey,
    hostVerifier: (key: Buffer) => hostKeyFingerprint(key) === sim.hostKeySha256,
  });
});
afterEach(async () => {
  await client?.end().catch(() => undefined);
  await sim?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<{ code?: unknown; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: unknown; message: string };
  }
  throw new Error('expected a failure');
}

describe('simulator SFTP file server', { timeout: 30_000 }, () => {
  it('writes and reads back a file larger than one SFTP packet, byte for byte', async () => {
    const content = randomBytes(700_000);
    await client.put(content, 'inbound/big.bin');
    expect(fs.readFileSync(path.join(dir, 'inbound', 'big.bin')).equals(content)).toBe(true);
    const back = (await client.get('inbound/big.bin')) as Buffer;
    expect(back.equals(content)).toBe(true);
    expect((await client.stat('inbound/big.bin')).size).toBe(700_000);
  });

  it('lists only inbound/ and outbound/ at the top, with ls -l type letters', async () => {
    fs.writeFileSync(path.join(dir, 'outbound', 'report.x12'), 'ISA');
    expect(await client.realPath('.')).toBe('/');
    const top = await client.list('/');
    expect(top.map((e) => [e.name, e.type]).sort()).toEqual([
      ['inbound', 'd'],
      ['outbound', 'd'],
    ]);
    const out = await client.list('outbound');
    expect(out.map((e) => [e.name, e.type, e.size])).toEqual([['report.x12', '-', 3]]);
  });

  it('keeps its own state out of reach, including through ..', async () => {
    expect(fs.existsSync(path.join(dir, '.simulator', 'client_ed25519'))).toBe(true);
    expect(await client.exists('.simulator')).toBe(false);
    expect(await client.exists('inbound/../.simulator/client_ed25519')).toBe(false);
    expect(await client.exists('../../etc/passwd')).toBe(false);
    expect((await failure(client.get('/.simulator/host_ed25519'))).message).toMatch(/No such file/);
  });

  it('posix-rename replaces atomically; plain rename refuses to overwrite', async () => {
    await client.put(Buffer.from('one'), 'inbound/.a.part');
    await client.put(Buffer.from('two'), 'inbound/b.x12');
    await client.posixRename('inbound/.a.part', 'inbound/b.x12');
    expect(fs.readFileSync(path.join(dir, 'inbound', 'b.x12'), 'utf8')).toBe('one');
    expect(fs.existsSync(path.join(dir, 'inbound', '.a.part'))).toBe(false);

    await client.put(Buffer.from('three'), 'inbound/c.x12');
    await failure(client.rename('inbound/c.x12', 'inbound/b.x12'));
    expect(fs.readFileSync(path.join(dir, 'inbound', 'b.x12'), 'utf8')).toBe('one');
    await client.rename('inbound/c.x12', 'inbound/d.x12');
    expect(fs.readdirSync(path.join(dir, 'inbound')).sort()).toEqual(['b.x12', 'd.x12', 'processed']);
  });

  it('removes files, and refuses folders it does not serve', async () => {
    await client.put(Buffer.from('x'), 'outbound/gone.x12');
    await client.delete('outbound/gone.x12');
    expect(fs.existsSync(path.join(dir, 'outbound', 'gone.x12'))).toBe(false);
    expect((await failure(client.put(Buffer.from('x'), 'elsewhere.x12'))).message).toMatch(/No such file/);
    await failure(client.mkdir('inbound/sub'));
    expect(fs.existsSync(path.join(dir, 'inbound', 'sub'))).toBe(false);
  });

  it('lets in the configured user by key or password, and no one else', async () => {
    const { password: _, ...byKey } = sim.connection;
    expect(await testConnection(byKey)).toMatchObject({ ok: true });
    const byPassword = {
      host: sim.host,
      port: sim.port,
      username: sim.username,
      password: 'correct horse',
      hostKeySha256: sim.hostKeySha256,
    };
    expect(await testConnection(byPassword)).toMatchObject({ ok: true });
    expect(await testConnection({ ...byPassword, password: 'wrong' })).toMatchObject({
      ok: false,
      problem: 'auth',
    });
    expect(await testConnection({ ...sim.connection, username: 'someone' })).toMatchObject({
      ok: false,
      problem: 'auth',
    });
    const otherKey = generateEd25519('other').private;
    // The simulator's own connection carries the password too: byKey leaves it out.
    expect(await testConnection({ ...byKey, privateKey: otherKey })).toMatchObject({
      ok: false,
      problem: 'auth',
    });
  });

  it('a client pinning another host key refuses to talk to it', async () => {
    const other = hostKeyFingerprint(randomBytes(51));
    expect(await testConnection({ ...sim.connection, hostKeySha256: other })).toMatchObject({
      ok: false,
      problem: 'host_key_mismatch',
      presentedHostKeySha256: sim.hostKeySha256,
    });
  });
});
