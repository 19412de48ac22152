import { randomInt } from 'node:crypto';
import type { Role } from '../../shared/domain/actor.ts';
import { generateSyntheticPractice } from '../../shared/synthetic/generateSyntheticPractice.ts';
import type { RunningServer } from '../server.ts';
import { seedPracticeDocs } from './seedPracticeDocs.ts';

const DEMO_USERS: [email: string, name: string, role: Role][] = [
  ['biller1@demo.claimgrid.local', 'Demo Biller One', 'biller'],
  ['biller2@demo.claimgrid.local', 'Demo Biller Two', 'biller'],
  ['viewer@demo.claimgrid.local', 'Demo Viewer', 'viewer'],
];

/**
 * On a server with no practice yet, creates the demo practice (synthetic claims as of today) and its
 * users, and returns the text announcing their logins (shown once). Returns null when a practice exists.
 */
export async function seedDemoPractice(
  server: RunningServer,
  options: { claims: number },
): Promise<string | null> {
  if (server.storage.listPractices().length > 0) return null;
  const asOf = new Date().toISOString().slice(0, 10);
  const demo = generateSyntheticPractice({ seed: 1, claims: options.claims, asOf });
  server.storage.createPractice({
    id: demo.practice.id,
    name: demo.practice.name,
    createdAt: new Date().toISOString(),
  });
  seedPracticeDocs(server.storage, demo);
  const lines = [
    `Demo practice "${demo.practice.name}" with ${demo.claims.length} synthetic claims. Logins (shown once):`,
  ];
  for (const [email, displayName, role] of DEMO_USERS) {
    const password = demoPassword();
    await server.auth.createUser({ email, displayName, password });
    server.auth.addMember({ practiceId: demo.practice.id, email, role });
    lines.push(`  ${role.padEnd(7)} ${email}  ${password}`);
  }
  return lines.join('\n');
}

function demoPassword(): string {
  const words = ['claim', 'payer', 'remit', 'units', 'modifier', 'ledger', 'batch', 'status'];
  return `${words[randomInt(words.length)]}-${words[randomInt(words.length)]}-${randomInt(1000, 10000)}`;
}
